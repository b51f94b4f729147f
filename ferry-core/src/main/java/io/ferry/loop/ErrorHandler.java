package io.ferry.loop;

/**
 * Receives errors that escape handlers and tasks on a loop thread. The loop keeps running after it
 * returns: one failing callback never kills the loop (the connection it belonged to is closed).
 */
@FunctionalInterface
public interface ErrorHandler {
    /**
     * Called on the loop thread that caught {@code error}. Must not throw.
     *
     * @param error what escaped a handler or task
     */
    void onError(Throwable error);

    /**
     * The default: logs through {@link System.Logger} (logger {@code io.ferry.loop}) at ERROR.
     *
     * @return a handler that logs each error with the loop thread's name
     */
    static ErrorHandler logging() {
        System.Logger log = System.getLogger("io.ferry.loop");
        return error -> log.log(System.Logger.Level.ERROR, "uncaught error on " + Thread.currentThread().getName(),
            error);
    }
}
