package io.ferry.backend.uring;

import io.ferry.linux.uring.CompletionSource;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: many connections starved by a one-buffer ring drain with bounded work per buffer. Re-arming every starved
// socket whenever one buffer came back cost each of them an SQE and an -ENOBUFS per buffer (quadratic): thousands
// of peers that sent a body and closed held their descriptors for minutes (the chaos suite, seed 1, io_uring).
@Timeout(120)
class ShouldRearmStarvedReceivesInLinearWorkTest {
    private static final int PEERS = 400;
    private static final int BYTES_EACH = 40_000;

    @Test
    void shouldSpendABoundedNumberOfRefusalsPerBuffer() throws Exception {
        AtomicLong refusals = new AtomicLong();
        AtomicLong filled = new AtomicLong();
        UnaryOperator<CompletionSource> counting = ring -> (visitor, limit) -> ring.forEachCompletion(
            (ud, res, flags) -> {
                if (res == -Errno.ENOBUFS) {
                    refusals.incrementAndGet();
                } else if (res > 0 && (flags & io.ferry.linux.IoUringConstants.IORING_CQE_F_BUFFER) != 0) {
                    filled.incrementAndGet();
                }
                visitor.onCompletion(ud, res, flags);
            }, limit);
        Handler drop = new Handler() {
            @Override
            public void onData(Connection c, io.ferry.buffer.Buf data) {
                data.release();
            }
        };
        try (UringServerFixture server = new UringServerFixture(new UringConfig(64, 256, 1), counting, c -> drop)) {
            List<Socket> peers = new ArrayList<>();
            byte[] body = new byte[BYTES_EACH];
            try {
                for (int i = 0; i < PEERS; i++) {
                    Socket s = new Socket("127.0.0.1", server.port());
                    peers.add(s);
                    OutputStream out = s.getOutputStream();
                    out.write(body);
                    s.shutdownOutput();
                }
                server.assertQuiescent();
            } finally {
                for (Socket s : peers) {
                    s.close();
                }
            }
            long perBuffer = refusals.get() / Math.max(1, filled.get());
            assertTrue(perBuffer <= 64, refusals.get() + " refusals for " + filled.get() + " buffers filled");
        }
    }
}
