package io.ferry.loop;

/**
 * Receives errors that escape handlers and tasks on a loop thread. The loop keeps running after it
 * returns: one failing callback never kills the loop (the connection it belonged to is closed).
 */
@FunctionalInterface
public interface ErrorHandler {
    /** Called on the loop thread that caught {@code error}. Must not throw. */
    void onError(Throwable error);

    /** Logs through {@link System.Logger} at ERROR. */
    static ErrorHandler logging() {
        System.Logger log = System.getLogger("io.ferry.loop");
        return error -> log.log(System.Logger.Level.ERROR, "uncaught error on " + Thread.currentThread().getName(),
            error);
    }
}
