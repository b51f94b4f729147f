package io.ferry.net.blocking;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@link FerrySocket#outputStream()}: each write copies into pooled buffers and flushes, as a JDK
 * socket stream sends at once (wrap it in a {@code BufferedOutputStream} to batch). One writing
 * thread at a time; closing closes the socket.
 */
final class SocketOutputStream extends OutputStream {
    private final FerrySocket socket;
    private final byte[] one = new byte[1];

    SocketOutputStream(FerrySocket socket) {
        this.socket = socket;
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        socket.write(b, off, len);
        socket.flush();
    }

    @Override
    public void flush() throws IOException {
        socket.flush();
    }

    @Override
    public void close() {
        socket.close();
    }
}
