package io.ferry.servers.http;

/** A request that must be answered with {@link #status()}; cheap (no stack trace), for slow paths only. */
public final class HttpStatusException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpStatusException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
