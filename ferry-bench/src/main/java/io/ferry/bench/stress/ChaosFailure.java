package io.ferry.bench.stress;

/** A chaos move saw the runtime misbehave: it hung (no answer in time) or broke a contract. */
final class ChaosFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean hang;

    private ChaosFailure(boolean hang, String message, Throwable cause) {
        super(message, cause);
        this.hang = hang;
    }

    static ChaosFailure hang(String what, Throwable cause) {
        return new ChaosFailure(true, what, cause);
    }

    static ChaosFailure broken(String what) {
        return new ChaosFailure(false, what, null);
    }

    static ChaosFailure broken(String what, Throwable cause) {
        return new ChaosFailure(false, what, cause);
    }

    boolean isHang() {
        return hang;
    }
}
