package io.ferry.servers.resp;

import java.nio.charset.StandardCharsets;

/**
 * Strict decimal integers, as Redis's {@code string2ll} reads them: an optional '-', then "0" or a
 * digit 1-9 followed by digits, within the signed 64-bit range; nothing else (no '+', no spaces, no
 * leading zeros). Holds the last parsed value, so parsing allocates nothing.
 *
 * <p>Threads: one thread at a time (each connection keeps its own).
 */
final class Decimal {
    /** Longer texts cannot be a 64-bit integer (Redis's LONG_STR_SIZE). */
    private static final int MAX_LENGTH = 20;
    private long value;

    /**
     * Parses {@code bytes[0..length)}; on success the value is {@link #value()}.
     *
     * @return false when the bytes are not a strict 64-bit decimal integer
     */
    boolean parse(byte[] bytes, int length) {
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        if (length == 1 && bytes[0] == '0') {
            value = 0;
            return true;
        }
        boolean negative = bytes[0] == '-';
        int i = negative ? 1 : 0;
        if (i == length || bytes[i] < '1' || bytes[i] > '9') {
            return false;
        }
        long magnitude = 0; // accumulated as a negative number, whose range includes Long.MIN_VALUE
        for (; i < length; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9 || magnitude < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            magnitude = magnitude * 10 - d;
        }
        if (!negative && magnitude == Long.MIN_VALUE) {
            return false;
        }
        value = negative ? magnitude : -magnitude;
        return true;
    }

    /** The value of the last successful {@link #parse}. */
    long value() {
        return value;
    }

    /** {@code value} in decimal ASCII; allocates (for values stored by INCR). */
    static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
