package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import java.nio.charset.StandardCharsets;

/** Byte-level ASCII helpers over {@link Buf} ranges; none allocates except {@link #string}/{@link #bytes}. */
final class Ascii {
    private Ascii() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String string(Buf buf, int from, int to) {
        byte[] b = new byte[to - from];
        buf.getBytes(from, b, 0, b.length);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** True when {@code [from, to)} of {@code buf} holds exactly {@code expected}. */
    static boolean equals(Buf buf, int from, int to, byte[] expected) {
        if (to - from != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buf.getByte(from + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Like {@link #equals} ignoring ASCII case; {@code lower} must be lower case. */
    static boolean equalsIgnoreCase(Buf buf, int from, int to, byte[] lower) {
        if (to - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            if (toLower(buf.getByte(from + i)) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code [from, to)} starts with {@code prefix}. */
    static boolean startsWith(Buf buf, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && equals(buf, from, from + prefix.length, prefix);
    }

    /** Like {@link #startsWith} ignoring ASCII case; {@code lower} must be lower case. */
    static boolean startsWithIgnoreCase(Buf buf, int from, int to, byte[] lower) {
        return to - from >= lower.length && equalsIgnoreCase(buf, from, from + lower.length, lower);
    }

    static byte toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b | 0x20) : b;
    }

    /** RFC 9110 tchar: the characters of a token (method, header name). */
    static boolean isTokenChar(byte b) {
        if (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
            return true;
        }
        return switch (b) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }

    /** Hex digit value, or -1. */
    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int l = b | 0x20;
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }
}
