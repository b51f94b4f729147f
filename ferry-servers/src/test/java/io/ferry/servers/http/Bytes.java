package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import java.nio.charset.StandardCharsets;

/** Test helper: puts text into pooled buffers. */
final class Bytes {
    private Bytes() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Undoes the escapes {@code \\r}, {@code \\n} and {@code \\x01} of CSV test sources. */
    static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\x01", "\u0001");
    }

    /** A buffer of {@code pool} holding {@code bytes}; the caller releases it. */
    static Buf buf(BufferPool pool, byte[] bytes) {
        Buf b = pool.acquire(Math.max(1, bytes.length));
        b.writeBytes(bytes);
        return b;
    }
}
