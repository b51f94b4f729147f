package io.ferry.bench.rate;

import java.nio.ByteBuffer;

/** Echo: a request is {@code size} bytes, and its response is the same {@code size} bytes back. */
public record EchoProtocol(int size) implements Protocol {
    /** Checks that {@code size} is in [1, 65536]. */
    public EchoProtocol {
        if (size <= 0 || size > 65_536) {
            throw new IllegalArgumentException("echo size must be in [1, 65536]");
        }
    }

    @Override
    public ByteBuffer request() {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            b.put((byte) ('a' + i % 26));
        }
        return b.flip().asReadOnlyBuffer();
    }

    @Override
    public ResponseCounter newCounter() {
        return in -> {
            int whole = in.remaining() / size;
            in.position(in.position() + whole * size);
            return whole;
        };
    }
}
