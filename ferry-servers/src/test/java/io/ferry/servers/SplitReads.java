package io.ferry.servers;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;

/**
 * Test driver side: feeds byte pieces to a parser as successive reads, the way a handler sees them. Each read
 * is a pool buffer holding the bytes carried over from the last read, then the piece, handed over in a view
 * exactly as long as those bytes, so a read past them throws. Every buffer is released before {@link #feed}
 * returns.
 */
public final class SplitReads {
    /** What a driver does with each read. */
    public interface Reader {
        /** {@return true once the connection ended: later pieces are not read} */
        boolean ended();

        /** {@return the bytes carried over from the last read (the readable bytes of what consume returned)} */
        int held();

        /**
         * Reads {@code in}, valid during the call.
         *
         * @return a buffer with the bytes to carry over into the next read (now the feeder's), or null
         */
        Buf consume(Buf in);
    }

    private SplitReads() {
    }

    /** Feeds {@code pieces} to {@code reader} as successive reads of buffers from {@code pool}. */
    public static void feed(BufferPool pool, Reader reader, byte[]... pieces) {
        Buf tail = null;
        try {
            for (byte[] piece : pieces) {
                if (reader.ended()) {
                    break;
                }
                Buf in = pool.acquire(Math.max(1, reader.held() + piece.length));
                if (tail != null) {
                    in.writeBytes(tail);
                    tail.release();
                    tail = null;
                }
                in.writeBytes(piece);
                Buf exact = in.slice(0, in.writeIndex());
                in.release();
                try {
                    tail = reader.consume(exact);
                } finally {
                    exact.release();
                }
            }
        } finally {
            if (tail != null) {
                tail.release();
            }
        }
    }
}
