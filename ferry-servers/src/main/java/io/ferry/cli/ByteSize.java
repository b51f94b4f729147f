package io.ferry.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/**
 * Parses sizes such as {@code 4096}, {@code 64KiB}, {@code 1MiB}, {@code 1M} or {@code 2g} (binary
 * units: K = KiB = 1024) for command-line options, and formats them back.
 */
public final class ByteSize implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        return parse(value);
    }

    /** Bytes in {@code text}; at most {@code Integer.MAX_VALUE}. */
    public static int parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long bytes = Long.parseLong(digits.trim()) * unit;
            if (bytes < 0 || bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("size out of range [0, 2 GiB): " + text);
            }
            return (int) bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (try 4096, 64KiB, 1MiB)", e);
        }
    }

    /** {@code 1 MiB}, {@code 64 KiB} or {@code 100 B}. */
    public static String format(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return bytes / (1 << 10) + " KiB";
        }
        return bytes + " B";
    }
}
