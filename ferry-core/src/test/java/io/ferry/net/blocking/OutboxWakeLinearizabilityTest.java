package io.ferry.net.blocking;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-checked (Lincheck) wake rules of an {@link Outbox} whose writer parks on a connection that stays full (a
 * peer that never reads) while the runtime shuts down: a drain wakes the writer only for what it waits on, and a
 * parked writer asks for a drain only while its ring holds buffers. Otherwise the two keep the loop busy (every
 * drain wakes the writer, which asks for the next drain) and, once the loop stops polling, its shutdown never
 * ends. A thread standing in for the loop carries out only the requests it is handed, as a loop woken for them
 * would, and counts them. The shutdown then closes the connection under the writer, which must end with
 * {@link SocketException}, every buffer home. Both models failed against the Outbox before commit bac419e (the
 * first with the loop handed a request per drain, the second hung: a drain on a closing connection did not end
 * writing).
 *
 * <p>Lincheck's parks may return spuriously, so lost wake-ups are left to {@link OutboxShutdownStressTest}.
 */
@Timeout(120)
class OutboxWakeLinearizabilityTest {
    private static final int INVOCATIONS = 150;
    /** Turns the loop's stand-in takes before the shutdown: enough for a drain-and-wake cycle to show. */
    private static final int TURNS = 12;

    // The connection is full before the writer's next put: parked behind it, the writer must ask the loop for
    // nothing (before the fix, each drain woke it and it asked for the next one). The shutdown closes the
    // connection at once (onClose), which alone wakes the writer.
    @Test
    void shouldLeaveTheLoopIdleWhileTheWriterParksOnAFullConnection() {
        check(true, 0, false);
    }

    // The shutdown first starts closing the connection (isOpen() false) with writes in flight: a drain that finds
    // it closing must end the writer by itself (no onClose yet), not let later writes be discarded unseen. Each
    // put asks for a drain once it queued its buffer, and once while it waits with buffers queued: at most six
    // requests for three puts. Only the first gets through: the drain clears the writable mirror before it takes
    // the bytes off the ring's count (before, a put that read the mirror first could slip past mid-drain).
    @Test
    void shouldEndAParkedWriterWhenADrainFindsTheConnectionClosing() {
        check(false, 6, true);
    }

    /**
     * @param fullFirst        the first buffer is queued and drained into the full connection before the race
     * @param maxRuns          requests the loop may be handed during its turns
     * @param drainWhileClosing end writing through a drain on the closing connection instead of its onClose
     */
    private static void check(boolean fullFirst, int maxRuns, boolean drainWhileClosing) {
        Models.check(INVOCATIONS, pool -> {
            SocketBridge bridge = new SocketBridge(0, 1, null);
            RecordingConnection c = new RecordingConnection(null);
            c.writable = false; // the peer never reads: every drain leaves the connection above its watermark
            bridge.onOpen(c);
            List<Buf> bufs = new ArrayList<>(List.of(Models.marked(pool, 1), Models.marked(pool, 2),
                Models.marked(pool, 3)));
            if (fullFirst) {
                putQuietly(bridge, bufs.removeFirst());
                bridge.run(); // the drain it asked for: the connection is full, and the writer's mirror says so
            }
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Flag closedSeen = new Flag();
            Thread writer = Models.thread(failures, () -> {
                try {
                    while (!bufs.isEmpty()) {
                        bridge.outbox().put(bufs.removeFirst(), 0); // takes ownership, even when it throws
                    }
                    throw new AssertionError("every put found room on a connection that stays full");
                } catch (SocketException expected) {
                    closedSeen.set = true;
                    bufs.forEach(Buf::release);
                }
            });
            Thread loop = Models.thread(failures, () -> {
                int runs = 0;
                for (int turn = 0; turn < TURNS; turn++) {
                    if (Models.pendingRequests(bridge) != 0) {
                        bridge.run();
                        if (++runs > maxRuns) { // reported, and the shutdown still ends the writer
                            failures.add(new AssertionError("the loop was handed " + runs + " requests (at most "
                                + maxRuns + "): the writer keeps asking for drains on a full connection"));
                            break;
                        }
                    }
                }
                c.open = false; // the runtime's shutdown starts closing the connection
                if (drainWhileClosing) {
                    bridge.outbox().drainTo(c); // what a drain requested before (or an abort) does now
                } else {
                    bridge.onClose(c, null);
                }
            });
            writer.start();
            loop.start();
            Models.join(writer);
            Models.join(loop);
            if (drainWhileClosing) {
                bridge.onClose(c, null); // the connection's close completes
            }
            bridge.run(); // the loop's last turn: a request made as the writer ended

            assertTrue(failures.isEmpty(), () -> "thread failed: " + failures);
            assertTrue(closedSeen.set, "the writer never saw the close");
            assertTrue(c.written.isEmpty() || c.written.equals(List.of(1)), () -> "written " + c.written
                + ": a put after the first got past the full connection");
            assertTrue(Models.allHome(pool), "a buffer never came home");
        });
    }

    private static void putQuietly(SocketBridge bridge, Buf b) {
        try {
            bridge.outbox().put(b, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A flag one thread sets for another. */
    private static final class Flag {
        volatile boolean set;
    }
}
