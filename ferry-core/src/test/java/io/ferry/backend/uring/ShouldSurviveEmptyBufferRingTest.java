package io.ferry.backend.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: when the provided-buffer ring runs dry (-ENOBUFS) the connection survives, and receiving resumes
// without loss once the handler gives buffers back.
@Timeout(30)
class ShouldSurviveEmptyBufferRingTest {
    /** Holds every buffer it receives until it has {@code hold} of them, then echoes them all. */
    static final class Hoarder implements Handler {
        private final List<Buf> held = new ArrayList<>();
        private final int hold;
        private boolean released;

        Hoarder(int hold) {
            this.hold = hold;
        }

        @Override
        public void onData(Connection c, Buf data) {
            if (!released) {
                held.add(data);
                if (held.size() == hold) {
                    released = true;
                    held.forEach(c::write);
                    held.clear();
                    c.flush();
                }
                return;
            }
            c.writeAndFlush(data);
        }
    }

    @Test
    void shouldResumeReceivingAfterBuffersReturn() throws Exception {
        // Two receive buffers only: the third chunk of data finds the ring empty.
        try (UringServerFixture server = new UringServerFixture(new UringConfig(64, 256, 2), s -> s,
            c -> new Hoarder(2))) {
            byte[] payload = new byte[200_000];
            new Random(7).nextBytes(payload);
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < payload.length; i += 1000) {
                            out.write(payload, i, Math.min(1000, payload.length - i));
                            out.flush();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                byte[] buf = new byte[65536];
                while (got.size() < payload.length) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    got.write(buf, 0, n);
                }
                writer.join();
                assertEquals(payload.length, got.size());
                assertArrayEquals(payload, got.toByteArray());
            }
            server.assertQuiescent();
        }
    }
}
