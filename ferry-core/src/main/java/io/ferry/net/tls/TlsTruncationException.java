package io.ferry.net.tls;

import javax.net.ssl.SSLException;

/**
 * The peer closed the TCP connection without sending {@code close_notify} first: what was received may be
 * cut short by an attacker or a crash, so it is not a clean end of stream. {@link io.ferry.net.Handler#onClose}
 * gets it as the cause; a blocking reader gets it as the cause of its read's exception.
 */
public final class TlsTruncationException extends SSLException {
    private static final long serialVersionUID = 1L;

    /**
     * A truncation described by {@code message}.
     *
     * @param message what closed and where
     */
    public TlsTruncationException(String message) {
        super(message);
    }
}
