package io.ferry.net.conformance;

import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import io.ferry.net.blocking.SocketHandler;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Blocking-style servers the conformance tests run on a {@link BackendFixture}'s runtime. */
final class BlockingServers {
    private BlockingServers() {
    }

    /** Binds {@code handler} on 127.0.0.1 with an ephemeral port. */
    static FerryServer bind(BackendFixture fx, SocketHandler handler) throws IOException {
        return FerryServer.bind(fx.ferry(), new InetSocketAddress("127.0.0.1", 0), handler);
    }

    /** Echo in straight-line style: every received buffer goes straight back, without a copy. */
    static void echo(FerrySocket socket) throws IOException {
        for (Buf b; (b = socket.read()) != null; ) {
            socket.write(b);
            socket.flush();
        }
    }
}
