package io.ferry.servers.http;

import io.ferry.buffer.Buf;

/**
 * The answer to a request refused because the server's {@link InputBudget} is spent: {@code 503} with
 * {@code Retry-After: 1} and {@code Connection: close}, its reason in the body. Written from precomputed
 * bytes (no allocation); fits in {@link HttpResponses#MAX_BYTES}.
 *
 * <p>Stateless; call on the thread that owns the buffer.
 */
final class Overloaded {
    private static final byte[] BODY = Ascii.bytes("Service Unavailable: input memory budget spent, retry later\n");
    private static final byte[] START = Ascii.bytes("HTTP/1.1 503 Service Unavailable\r\nServer: ferry\r\nDate: ");
    private static final byte[] REST = Ascii.bytes("\r\nRetry-After: 1\r\nContent-Type: text/plain\r\nContent-Length: "
        + BODY.length + "\r\nConnection: close\r\n\r\n");

    private Overloaded() {
    }

    /** Writes the whole response. */
    static void write(Buf out, byte[] date) {
        out.writeBytes(START).writeBytes(date).writeBytes(REST).writeBytes(BODY);
    }
}
