package io.ferry.net.blocking;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@link FerrySocket#inputStream()}: reads copy out of the received buffers. One reading thread at a
 * time; closing closes the socket.
 */
final class SocketInputStream extends InputStream {
    private final FerrySocket socket;
    private final byte[] one = new byte[1];

    SocketInputStream(FerrySocket socket) {
        this.socket = socket;
    }

    @Override
    public int read() throws IOException {
        int n;
        do {
            n = socket.read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return socket.read(b, off, len);
    }

    @Override
    public int available() {
        return socket.available();
    }

    @Override
    public void close() {
        socket.close();
    }
}
