package io.ferry.servers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Random;

/**
 * Test client side: writes a byte stream to a socket on a virtual thread, cut into random pieces (mostly
 * up to 32 KiB, one in eight of 1-8 bytes, so heads and bodies straddle reads) with a rare short pause.
 */
public final class PieceWriter {
    private final Thread thread;
    private volatile IOException failure;

    /** Starts writing {@code bytes} to {@code socket}, with pieces drawn from {@code random}. */
    public PieceWriter(Socket socket, byte[] bytes, Random random) {
        thread = Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (int at = 0; at < bytes.length; ) {
                    int n = Math.min(bytes.length - at, random.nextInt(8) == 0 ? 1 + random.nextInt(8)
                        : 1 + random.nextInt(32 * 1024));
                    out.write(bytes, at, n);
                    at += n;
                    if (random.nextInt(40) == 0) {
                        Thread.sleep(random.nextInt(5));
                    }
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Waits for the writer; the error that ended it early, or null when it wrote everything. */
    public IOException await() throws InterruptedException {
        thread.join();
        return failure;
    }
}
