package io.ferry.servers.echo;

import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerrySocket;
import io.ferry.net.blocking.SocketHandler;
import java.io.IOException;

/**
 * The echo server in straight-line style, one virtual thread per connection: each received buffer
 * (kernel-filled, owned by this thread once {@code read} returns it) is written straight back, so
 * nothing is copied. Backpressure is the write itself: it parks while the peer does not read, and
 * while it is parked nothing more is read, so the inbox fills and the loop stops reading too.
 */
public final class BlockingEcho implements SocketHandler {
    /** Stateless: one instance serves every connection. */
    public static final BlockingEcho INSTANCE = new BlockingEcho();

    private BlockingEcho() {
    }

    @Override
    public void serve(FerrySocket socket) throws IOException {
        for (Buf b; (b = socket.read()) != null; ) {
            socket.write(b);
            if (socket.available() == 0) { // with more input already here, its echo shares the next flush
                socket.flush();
            }
        }
        socket.flush();
    }
}
