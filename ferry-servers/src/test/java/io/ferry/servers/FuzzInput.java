package io.ferry.servers;

import java.util.Arrays;

/**
 * A fuzzer's raw bytes read as a byte stream plus where to cut it: byte 0 holds the number of cuts (its low
 * three bits), the next two bytes a joint (where the stream splits into two halves), then two bytes per cut;
 * everything after that is the stream, at most {@link #MAX_BYTES}. So a seed file is three zero bytes and the
 * protocol text, and the fuzzer mutates the cuts and the text alike.
 *
 * @param bytes the stream
 * @param joint an index in {@code [0, bytes.length]}
 * @param cuts distinct ascending indexes in {@code (0, bytes.length)}
 */
public record FuzzInput(byte[] bytes, int joint, int[] cuts) {
    /** Inputs stay small: each execution is fast, and no test allocates beyond this. */
    public static final int MAX_BYTES = 8 * 1024;
    private static final int HEADER = 3;

    /** Reads {@code raw} as described above; any bytes are a valid input. */
    public static FuzzInput of(byte[] raw) {
        int cutCount = raw.length > 0 ? raw[0] & 7 : 0;
        int header = Math.min(raw.length, HEADER + 2 * cutCount);
        byte[] bytes = Arrays.copyOfRange(raw, header, Math.min(raw.length, header + MAX_BYTES));
        int joint = bytes.length == 0 ? 0 : unsigned16(raw, 1) % (bytes.length + 1);
        int[] cuts = new int[cutCount];
        int n = 0;
        for (int i = 0; i < cutCount && bytes.length > 1; i++) {
            cuts[n++] = 1 + unsigned16(raw, HEADER + 2 * i) % (bytes.length - 1);
        }
        return new FuzzInput(bytes, joint, Arrays.stream(cuts, 0, n).sorted().distinct().toArray());
    }

    /** The bytes before the joint. */
    public byte[] head() {
        return Arrays.copyOfRange(bytes, 0, joint);
    }

    /** The bytes from the joint on. */
    public byte[] tail() {
        return Arrays.copyOfRange(bytes, joint, bytes.length);
    }

    /** {@code bytes} cut at {@code cuts}: the pieces, in order, none empty unless {@code bytes} is. */
    public static byte[][] pieces(byte[] bytes, int[] cuts) {
        byte[][] out = new byte[cuts.length + 1][];
        int from = 0;
        for (int i = 0; i < cuts.length; i++) {
            out[i] = Arrays.copyOfRange(bytes, from, cuts[i]);
            from = cuts[i];
        }
        out[cuts.length] = Arrays.copyOfRange(bytes, from, bytes.length);
        return out;
    }

    private static int unsigned16(byte[] raw, int at) {
        int hi = at < raw.length ? raw[at] & 0xff : 0;
        int lo = at + 1 < raw.length ? raw[at + 1] & 0xff : 0;
        return hi << 8 | lo;
    }
}
