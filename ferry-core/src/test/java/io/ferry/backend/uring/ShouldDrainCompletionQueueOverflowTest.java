package io.ferry.backend.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.DataInputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: a completion queue far smaller than the burst of completions (overflow into the kernel's backlog)
// loses nothing: every connection gets all its bytes back.
@Timeout(60)
class ShouldDrainCompletionQueueOverflowTest {
    @Test
    void shouldEchoEverythingWithATinyCompletionQueue() throws Exception {
        try (UringServerFixture server = new UringServerFixture(new UringConfig(8, 8, 256), s -> s,
            c -> (conn, data) -> conn.writeAndFlush(data))) {
            List<Socket> clients = new ArrayList<>();
            byte[] payload = new byte[8192];
            new Random(3).nextBytes(payload);
            for (int i = 0; i < 64; i++) {
                clients.add(new Socket("127.0.0.1", server.port()));
            }
            for (Socket s : clients) {
                s.getOutputStream().write(payload);
            }
            for (Socket s : clients) {
                byte[] back = new byte[payload.length];
                new DataInputStream(s.getInputStream()).readFully(back);
                assertArrayEquals(payload, back);
                s.close();
            }
            server.assertQuiescent();
        }
    }
}
