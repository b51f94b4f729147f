package io.ferry.bench.stress;

/** A chaos move saw the runtime misbehave: it hung (no answer in time) or broke a contract. */
public final class ChaosFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean hang;

    private ChaosFailure(boolean hang, String message, Throwable cause) {
        super(message, cause);
        this.hang = hang;
    }

    /** No answer came in time. */
    public static ChaosFailure hang(String what, Throwable cause) {
        return new ChaosFailure(true, what, cause);
    }

    /** A wrong answer, or an end or reset where none was due. */
    public static ChaosFailure broken(String what) {
        return new ChaosFailure(false, what, null);
    }

    /** A wrong answer, or an end or reset where none was due, with its cause. */
    public static ChaosFailure broken(String what, Throwable cause) {
        return new ChaosFailure(false, what, cause);
    }

    /** {@return whether the runtime hung rather than answered wrongly} */
    public boolean isHang() {
        return hang;
    }
}
