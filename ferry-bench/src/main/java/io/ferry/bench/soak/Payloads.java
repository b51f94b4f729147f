package io.ferry.bench.soak;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Random request bodies and ASCII protocol text for the soak moves. */
final class Payloads {
    private Payloads() {
    }

    /** {@code size} random bytes. */
    static byte[] random(SplittableRandom random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    /** {@code size} random lower-case letters (bodies that read well in a capture). */
    static byte[] letters(SplittableRandom random, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + random.nextInt(26));
        }
        return b;
    }

    /** {@code s} as US-ASCII bytes. */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
