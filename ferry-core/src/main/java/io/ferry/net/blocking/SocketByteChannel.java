package io.ferry.net.blocking;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;

/**
 * {@link FerrySocket#channel()}: a blocking {@link ByteChannel} whose reads and writes copy between
 * the caller's {@link ByteBuffer} and pooled buffers; each write flushes. An interrupt while parked
 * closes the socket and throws {@link ClosedByInterruptException}, as {@code SocketChannel} does.
 * One reading and one writing thread at a time.
 */
final class SocketByteChannel implements ByteChannel {
    private static final int STAGING = 16 * 1024;
    private final FerrySocket socket;
    private byte[] readStaging;
    private byte[] writeStaging;

    SocketByteChannel(FerrySocket socket) {
        this.socket = socket;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        try {
            if (dst.hasArray()) {
                int n = socket.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }
            if (readStaging == null) {
                readStaging = new byte[STAGING];
            }
            int n = socket.read(readStaging, 0, Math.min(STAGING, dst.remaining()));
            if (n > 0) {
                dst.put(readStaging, 0, n);
            }
            return n;
        } catch (InterruptedIOException e) {
            throw interrupted(e);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int total = src.remaining();
        try {
            if (src.hasArray()) {
                socket.write(src.array(), src.arrayOffset() + src.position(), total);
                src.position(src.limit());
            } else {
                if (writeStaging == null) {
                    writeStaging = new byte[STAGING];
                }
                while (src.hasRemaining()) {
                    int n = Math.min(STAGING, src.remaining());
                    src.get(writeStaging, 0, n);
                    socket.write(writeStaging, 0, n);
                }
            }
            socket.flush();
            return total;
        } catch (InterruptedIOException e) {
            throw interrupted(e);
        }
    }

    private static ClosedByInterruptException interrupted(InterruptedIOException e) {
        ClosedByInterruptException c = new ClosedByInterruptException();
        c.initCause(e);
        return c;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!socket.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() {
        socket.close();
    }
}
