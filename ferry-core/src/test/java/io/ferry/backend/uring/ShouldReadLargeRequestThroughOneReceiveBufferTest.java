package io.ferry.backend.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerryServer;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: a blocking-style reader on a loop-carried virtual thread releases each receive buffer off the
// loop thread; with a one-buffer provided ring every further receive waits for that release, so the loop
// must notice it before sleeping (issue 12, defect 1: a 40,000-byte request was never answered).
class ShouldReadLargeRequestThroughOneReceiveBufferTest {
    private static final int REQUEST = 40_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldAnswerOnceEveryByteArrived() throws Exception {
        try (UringServerFixture fx = new UringServerFixture(new UringConfig(64, 256, 1), s -> s,
                c -> (conn, data) -> data.release());
             FerryServer server = FerryServer.bind(fx.ferry, new InetSocketAddress("127.0.0.1", 0), socket -> {
                 int got = 0;
                 while (got < REQUEST) {
                     Buf b = socket.read();
                     if (b == null) {
                         return;
                     }
                     got += b.readableBytes();
                     b.release();
                 }
                 Buf reply = socket.buffer();
                 reply.writeInt(got);
                 socket.write(reply);
                 socket.flush();
             });
             Socket client = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort())) {
            client.setSoTimeout(20_000);
            client.getOutputStream().write(new byte[REQUEST]);
            assertEquals(REQUEST, new DataInputStream(client.getInputStream()).readInt());
        }
    }
}
