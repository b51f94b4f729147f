package io.ferry.backend.uring;

import static io.ferry.backend.uring.ShouldShareIncrementalBufferBetweenConnectionsTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Backends;
import io.ferry.backend.UringReceiveStrategy;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: INCREMENTAL_RING views released on another thread while the kernel still fills their buffer (so the
// buffer's last view goes while more receives land in it) neither lose the buffer nor leave it counted in use:
// every byte arrives through a small ring and the pool ends at baseline.
@Timeout(60)
class ShouldRecycleIncrementalBufferReleasedOffTheLoopTest {
    private static final int CLIENTS = 4;
    private static final int MESSAGES = 2_000;
    private static final int SIZE = 24;

    @Test
    void shouldKeepEveryBufferWhenViewsAreReleasedElsewhere() throws Exception {
        assumeTrue(Backends.uringReceiveAvailability(UringReceiveStrategy.INCREMENTAL_RING).available(),
            "kernel without IOU_PBUF_RING_INC");
        AtomicLong received = new AtomicLong();
        UringConfig fourBuffers = new UringConfig(64, 256, 4, UringReceiveStrategy.INCREMENTAL_RING);
        try (ExecutorService releaser = Executors.newSingleThreadExecutor();
             UringServerFixture fx = new UringServerFixture(fourBuffers, UnaryOperator.identity(),
                 c -> (conn, data) -> {
                     received.addAndGet(data.readableBytes());
                     releaser.execute(data::release); // the last view of a partly filled buffer, elsewhere
                 })) {
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(new Socket("127.0.0.1", fx.port()));
                }
                byte[] msg = new byte[SIZE];
                for (int m = 0; m < MESSAGES; m++) {
                    for (Socket s : clients) {
                        OutputStream out = s.getOutputStream();
                        out.write(msg);
                        out.flush();
                    }
                }
                long total = (long) CLIENTS * MESSAGES * SIZE;
                awaitTrue(() -> received.get() == total);
                assertEquals(total, received.get(), "bytes received through the ring");
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
            fx.assertQuiescent();
        }
    }
}
