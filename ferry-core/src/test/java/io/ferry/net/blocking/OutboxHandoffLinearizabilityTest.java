package io.ferry.net.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import java.net.SocketException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-checked (Lincheck) hand-off from a writing thread through its {@link Outbox} to the loop: with a
 * high watermark below one buffer the writer parks for room on its second put, and the loop's drain must
 * let it go on. The bridge has no loop; a thread standing in for it runs {@link SocketBridge#run()} until
 * the writer is done. Buffers reach the connection once each, in order; an abort ends a parked writer.
 * Lost wake-ups are left to {@link BlockingHandoffStressTest} (Lincheck's parks may return spuriously).
 */
@Timeout(60)
class OutboxHandoffLinearizabilityTest {
    private static final int INVOCATIONS = 150;

    @Test
    void shouldHandEveryBufferToTheConnectionOnceInOrder() {
        Models.check(INVOCATIONS, pool -> {
            SocketBridge bridge = new SocketBridge(0, 1, null);
            RecordingConnection c = new RecordingConnection(null);
            bridge.onOpen(c);
            Buf first = Models.marked(pool, 1);
            Buf second = Models.marked(pool, 2);
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Done done = new Done();
            Thread writer = Models.thread(failures, () -> {
                try {
                    bridge.outbox().put(first, 0);
                    bridge.outbox().put(second, 0);
                    bridge.outbox().flush(0);
                } finally {
                    done.set = true;
                }
            });
            Thread loop = Models.thread(failures, () -> {
                while (!done.set) {
                    bridge.run(); // what a DRAIN request queues on the loop
                }
            });
            writer.start();
            loop.start();
            Models.join(writer);
            Models.join(loop);
            bridge.run(); // the flush's request

            assertTrue(failures.isEmpty(), () -> "thread failed: " + failures);
            assertEquals(List.of(1, 2), c.written);
            assertTrue(Models.allHome(pool), "a buffer never came home");
        });
    }

    // Nobody drains: the writer parks on its second put until the socket is aborted from another thread.
    // (abort, not close: see shouldAnswerAWriteRacingCloseWithSocketException for close.)
    @Test
    void shouldEndAParkedWriterOnAbortAndReleaseWhatItHeld() {
        Models.check(INVOCATIONS, pool -> {
            SocketBridge bridge = new SocketBridge(0, 1, null);
            RecordingConnection c = new RecordingConnection(null);
            bridge.onOpen(c);
            Buf first = Models.marked(pool, 1);
            Buf second = Models.marked(pool, 2);
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            boolean[] closedSeen = new boolean[1];
            Thread writer = Models.thread(failures, () -> {
                Buf mine = second; // put takes ownership, even when it throws
                try {
                    bridge.outbox().put(first, 0);
                    mine = null;
                    bridge.outbox().put(second, 0);
                } catch (SocketException expected) {
                    closedSeen[0] = true;
                    if (mine != null) {
                        mine.release();
                    }
                }
            });
            Thread closer = Models.thread(failures, () -> bridge.socket().abort());
            writer.start();
            closer.start();
            Models.join(writer);
            Models.join(closer);
            bridge.run(); // the loop carries out the abort: what is queued is released

            assertTrue(failures.isEmpty(), () -> "thread failed: " + failures);
            assertTrue(closedSeen[0], "the writer never saw the abort");
            assertEquals(1, c.aborts.get());
            assertTrue(Models.allHome(pool), "a buffer never came home");
        });
    }

    // A write racing FerrySocket.close() gets the documented SocketException. close() borrows the writer role to
    // queue the lease; before Outbox published "closing" first, a write entering then found the role taken and
    // "closed" unset and threw IllegalStateException ("two threads write ... at once") at a correct single writer.
    @Test
    void shouldAnswerAWriteRacingCloseWithSocketException() {
        Models.check(INVOCATIONS, pool -> {
            SocketBridge bridge = new SocketBridge(0, 1 << 20, null);
            RecordingConnection c = new RecordingConnection(null);
            bridge.onOpen(c);
            Buf data = Models.marked(pool, 1);
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Thread writer = Models.thread(failures, () -> {
                try {
                    bridge.outbox().put(data, 0);
                } catch (SocketException expected) {
                    // the close came first
                }
            });
            Thread closer = Models.thread(failures, () -> bridge.socket().close());
            writer.start();
            closer.start();
            Models.join(writer);
            Models.join(closer);
            bridge.run();

            assertTrue(failures.isEmpty(), () -> "a write racing close() failed with " + failures);
            assertTrue(Models.allHome(pool), "a buffer never came home");
        });
    }

    /** Set by the writer when it is done, so the loop's stand-in stops. */
    private static final class Done {
        volatile boolean set;
    }
}
