package io.ferry.servers.resp;

import io.ferry.buffer.Buf;
import java.util.Arrays;

/**
 * One parsed command: where each argument lies in the received bytes, as offsets relative to the
 * command's first byte. Reused for every command of a connection, so parsing allocates nothing once
 * the offset arrays have grown to the largest command seen.
 *
 * <p>Threads: the connection's loop thread only. The request does not own the buffer it points into;
 * it is valid from {@link #bind} until the bytes are consumed.
 */
final class Request {
    private static final int MAX_NUMBER_LENGTH = 24;
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];
    private int argc;
    private Buf buf;
    private int base;
    private final byte[] scratch = new byte[MAX_NUMBER_LENGTH];
    private final Decimal decimal = new Decimal();

    /** Forgets the arguments: the parser starts a new command. */
    void reset() {
        argc = 0;
    }

    /** Appends an argument at {@code [offset, offset + length)} relative to the command start. */
    void add(int offset, int length) {
        if (argc == offsets.length) {
            offsets = Arrays.copyOf(offsets, argc * 2);
            lengths = Arrays.copyOf(lengths, argc * 2);
        }
        offsets[argc] = offset;
        lengths[argc] = length;
        argc++;
    }

    /** Points the argument offsets at {@code buf}, where the command starts at {@code base}. */
    void bind(Buf buf, int base) {
        this.buf = buf;
        this.base = base;
    }

    int argc() {
        return argc;
    }

    Buf buf() {
        return buf;
    }

    /** Absolute index of argument {@code i} in {@link #buf()}. */
    int index(int i) {
        return base + offsets[i];
    }

    int length(int i) {
        return lengths[i];
    }

    /** True when argument {@code i} spells {@code upper} (ASCII letters, digits, '|'), ignoring case. */
    boolean is(int i, byte[] upper) {
        int n = lengths[i];
        if (n != upper.length) {
            return false;
        }
        int at = base + offsets[i];
        for (int j = 0; j < n; j++) {
            int b = buf.getByte(at + j);
            if (b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            }
            if (b != upper[j]) {
                return false;
            }
        }
        return true;
    }

    /** True when argument {@code i} is exactly {@code bytes} (case matters: passwords, user names). */
    boolean isExactly(int i, byte[] bytes) {
        int n = lengths[i];
        if (n != bytes.length) {
            return false;
        }
        int at = base + offsets[i];
        for (int j = 0; j < n; j++) {
            if (buf.getByte(at + j) != bytes[j]) {
                return false;
            }
        }
        return true;
    }

    /** A heap copy of argument {@code i}. */
    byte[] copy(int i) {
        byte[] out = new byte[lengths[i]];
        buf.getBytes(base + offsets[i], out, 0, out.length);
        return out;
    }

    /** Argument {@code i} as text (ISO-8859-1); allocates, for error messages. */
    String text(int i) {
        return new String(copy(i), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Parses argument {@code i} as a 64-bit integer the way Redis does (no sign '+', spaces or
     * leading zeros); the value is then {@link #number()}.
     *
     * @return false when it is not such an integer
     */
    boolean parseLong(int i) {
        int n = lengths[i];
        if (n > MAX_NUMBER_LENGTH) {
            return false;
        }
        buf.getBytes(base + offsets[i], scratch, 0, n);
        return decimal.parse(scratch, n);
    }

    /** The value of the last successful {@link #parseLong}. */
    long number() {
        return decimal.value();
    }
}
