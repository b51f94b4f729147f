package io.ferry.servers.http;

import java.time.Duration;

/**
 * Limits the server enforces, each with its status code: a request head (request line and headers)
 * longer than {@code maxHeadBytes} or with more than {@code maxHeaders} headers gets 431, a body
 * over {@code maxBodyBytes} 413, a head not complete {@code headerTimeout} after its first byte 408,
 * and a connection with no request in progress is closed after {@code idleTimeout} (which also bounds
 * the gap between reads of a body). Files over {@code maxFileBytes} are not served (500).
 *
 * <p>Immutable; any thread.
 */
public record HttpLimits(int maxHeadBytes, int maxHeaders, long maxBodyBytes, int maxFileBytes,
                         Duration headerTimeout, Duration idleTimeout) {
    public HttpLimits {
        if (maxHeadBytes < 64 || maxHeaders < 1 || maxBodyBytes < 0 || maxFileBytes < 0) {
            throw new IllegalArgumentException("HTTP limits out of range: head " + maxHeadBytes + ", headers "
                + maxHeaders + ", body " + maxBodyBytes + ", file " + maxFileBytes);
        }
        if (headerTimeout.isNegative() || headerTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("HTTP timeouts must be positive: header " + headerTimeout
                + ", idle " + idleTimeout);
        }
    }

    /** 8 KiB heads, 100 headers, 1 MiB bodies, 64 MiB files, 10 s to send a head, 60 s idle. */
    public static HttpLimits defaults() {
        return new HttpLimits(8 * 1024, 100, 1024 * 1024, 64 * 1024 * 1024, Duration.ofSeconds(10),
            Duration.ofSeconds(60));
    }

    /** A copy with other timeouts. */
    public HttpLimits withTimeouts(Duration header, Duration idle) {
        return new HttpLimits(maxHeadBytes, maxHeaders, maxBodyBytes, maxFileBytes, header, idle);
    }

    /** A copy with another body limit. */
    public HttpLimits withMaxBodyBytes(long bytes) {
        return new HttpLimits(maxHeadBytes, maxHeaders, bytes, maxFileBytes, headerTimeout, idleTimeout);
    }
}
