package io.ferry.net.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-checked (Lincheck): the {@link Inbox} has no drain-and-wake cycle like the one the {@link Outbox} had
 * (see {@link OutboxWakeLinearizabilityTest}). A reader parked for input asks its loop for nothing; it asks to
 * resume reading only after taking a buffer, so the loop is handed at most one request per buffer, however often
 * the loop wakes the reader (every refill does, even one that moved nothing). Watermarks of zero make the loop
 * pause reading on every buffer, so each one takes the pause-resume round trip. A thread standing in for the loop
 * carries out only the requests it is handed, as a loop woken for them would, and counts them.
 *
 * <p>Lincheck's parks may return spuriously, which here only helps: a reader that asked for something on every
 * wake-up would be caught sooner. Lost wake-ups: {@link BlockingHandoffStressTest}.
 */
@Timeout(120)
class InboxWakeLinearizabilityTest {
    private static final int INVOCATIONS = 150;
    /** Turns the loop's stand-in takes before the input ends: enough for a request-and-wake cycle to show. */
    private static final int TURNS = 12;
    private static final int BUFFERS = 2;

    @Test
    void shouldHandTheLoopAtMostOneRequestPerBufferTaken() {
        Models.check(INVOCATIONS, pool -> {
            SocketBridge bridge = new SocketBridge(0, 0, null);
            RecordingConnection c = new RecordingConnection(null);
            bridge.onOpen(c);
            List<Buf> data = List.of(Models.marked(pool, 1), Models.marked(pool, 2));
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Integer> got = new ArrayList<>();
            Thread reader = Models.thread(failures, () -> {
                for (Buf b; (b = bridge.inbox().take(0)) != null; ) {
                    got.add(b.readInt());
                    b.release();
                }
            });
            Thread loop = Models.thread(failures, () -> {
                data.forEach(b -> bridge.onData(c, b));
                int runs = 0;
                for (int turn = 0; turn < TURNS; turn++) {
                    if (Models.pendingRequests(bridge) != 0) {
                        bridge.run();
                        if (++runs > BUFFERS) { // reported, and the end of input still ends the reader
                            failures.add(new AssertionError("the loop was handed " + runs + " requests for "
                                + BUFFERS + " buffers: reader and loop keep each other busy"));
                            break;
                        }
                    }
                }
                bridge.onInputClosed(c);
            });
            reader.start();
            loop.start();
            Models.join(reader);
            Models.join(loop);
            bridge.run(); // the loop's last turn: a resume asked for as the reader ended

            assertTrue(failures.isEmpty(), () -> "thread failed: " + failures);
            assertEquals(List.of(1, 2), got);
            assertTrue(Models.allHome(pool), "a buffer never came home");
        });
    }
}
