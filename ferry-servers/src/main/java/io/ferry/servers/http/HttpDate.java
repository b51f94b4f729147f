package io.ferry.servers.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} header value (IMF-fixdate, 29 bytes), formatted at most once per second: between
 * changes of the second {@link #bytes()} returns the same array and allocates nothing.
 *
 * <p>Threads: one (each loop keeps its own).
 */
public final class HttpDate {
    private static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private long second = Long.MIN_VALUE;
    private byte[] bytes;

    /** The current date; do not modify the array. */
    public byte[] bytes() {
        long now = System.currentTimeMillis() / 1000;
        if (now != second) {
            second = now;
            bytes = FORMAT.format(Instant.ofEpochSecond(now)).getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
