package io.ferry.servers.http;

import io.ferry.buffer.Buf;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * An {@code /echo} body held as it arrives: a chain of pool buffers, one more each time the last is full,
 * so memory follows the bytes received and never the length a peer declared (a peer that declares a
 * megabyte and sends a byte holds one buffer, not a megabyte).
 *
 * <p>Threads: one at a time (the connection's).
 */
final class BodyChain {
    private final Supplier<Buf> buffers;
    private Buf[] chain = new Buf[4];
    private int count;
    private int taken;
    private long bytes;

    /** @param buffers where each next buffer comes from (a pool buffer), or null when none may be had */
    BodyChain(Supplier<Buf> buffers) {
        this.buffers = buffers;
    }

    /**
     * Copies {@code length} bytes of {@code src} from {@code index} onto the end of the chain.
     *
     * @return false when a buffer was needed and none could be had (the bytes are then partly appended)
     */
    boolean append(Buf src, int index, int length) {
        while (length > 0) {
            Buf last = count == 0 ? null : chain[count - 1];
            if (last == null || last.writableBytes() == 0) {
                last = buffers.get();
                if (last == null) {
                    return false;
                }
                if (count == chain.length) {
                    chain = Arrays.copyOf(chain, count * 2);
                }
                chain[count++] = last;
            }
            int n = Math.min(length, last.writableBytes());
            last.setBytes(last.writeIndex(), src, index, n);
            last.writeIndex(last.writeIndex() + n);
            index += n;
            length -= n;
            bytes += n;
        }
        return true;
    }

    /** {@return the bytes held} */
    long bytes() {
        return bytes;
    }

    /** {@return the capacity of the buffers held and not yet taken} */
    long capacity() {
        long n = 0;
        for (int i = taken; i < count; i++) {
            n += chain[i].capacity();
        }
        return n;
    }

    /**
     * {@return the next buffer in order, now the caller's, or null when all were taken} The chain is empty
     * (ready for the next body) after the null.
     */
    Buf poll() {
        if (taken == count) {
            taken = 0;
            count = 0;
            bytes = 0;
            return null;
        }
        Buf b = chain[taken];
        chain[taken++] = null;
        return b;
    }

    /** Releases what is held. */
    void release() {
        for (Buf b = poll(); b != null; b = poll()) {
            b.release();
        }
    }
}
