package io.ferry.backend.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.buffer.Buf;
import io.ferry.loop.EventLoop;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: with reading paused, edge-triggered read events pile up; resuming reads the held bytes at
// once (no new edge needed) and reports the events it coalesced.
@Timeout(30)
class CoalescedReadEventsTest {
    @Test
    void shouldReadHeldBytesOnResumeAndCountCoalescedEvents() throws Exception {
        CompletableFuture<Connection> opened = new CompletableFuture<>();
        AtomicLong received = new AtomicLong();
        try (Ferry ferry = EpollTestSupport.startEpoll()) {
            EventLoop loop = ferry.loops().get(0);
            Listener l = ferry.listen(new InetSocketAddress("127.0.0.1", 0), c -> new Handler() {
                @Override
                public void onOpen(Connection conn) {
                    conn.pauseReading();
                    opened.complete(conn);
                }

                @Override
                public void onData(Connection conn, Buf data) {
                    received.addAndGet(data.readableBytes());
                    data.release();
                }
            });
            long before = EpollTestSupport.stats(loop).coalesced();
            try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) l.localAddress()).getPort())) {
                Connection conn = opened.get(10, TimeUnit.SECONDS);
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < 3; i++) {
                    out.write(new byte[1000]);
                    out.flush();
                    Thread.sleep(50); // one edge per burst
                }
                assertEquals(0, received.get(), "paused: nothing delivered");
                loop.execute(conn::resumeReading);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (received.get() < 3000 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(3000, received.get(), "every held byte read after resume");
                long coalesced = EpollTestSupport.stats(loop).coalesced() - before;
                // Three bursts 50 ms apart are usually three edges; a starved loop thread (a loaded CI
                // machine) may see the kernel merge them, but never fewer than one.
                assertTrue(coalesced >= 1, "coalesced " + coalesced);
            }
        }
    }
}
