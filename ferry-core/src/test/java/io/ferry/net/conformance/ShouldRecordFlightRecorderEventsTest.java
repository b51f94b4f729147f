package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.diagnostics.FerryRecording;
import io.ferry.file.AsyncFile;
import io.ferry.loop.EventLoop;
import io.ferry.net.Listener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: on every backend a Flight Recorder recording shows the backend chosen, each connection opened and
// closed (on its loop's thread, with the peer), a task that held the loop for 80 ms as a loop stall (none under
// the 20 ms threshold), and a file write with its path.
@Timeout(60)
class ShouldRecordFlightRecorderEventsTest {
    private static final int CONNECTIONS = 3;
    private static final byte[] CONTENT = "recorded\n".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.ferry.net.conformance.BackendFixture#backends")
    void shouldRecordWhatTheLoopDid(BackendKind kind, @TempDir Path dir) throws Exception {
        List<RecordedEvent> events;
        String loopName;
        Path file = dir.resolve("recorded.txt");
        try (FerryRecording recording = FerryRecording.start()) {
            try (BackendFixture fx = BackendFixture.start(kind, 1)) {
                EventLoop loop = fx.ferry().loops().get(0);
                loopName = loop.name();
                Listener l = fx.listen(c -> (conn, data) -> conn.writeAndFlush(data));
                for (int i = 0; i < CONNECTIONS; i++) {
                    byte[] payload = BackendFixture.pattern(1000, i);
                    assertArrayEquals(payload, BackendFixture.echoThrough(l.localAddress(), payload));
                }
                loop.call(() -> pause(80)).get(10, TimeUnit.SECONDS);
                loop.call(() -> spin(Duration.ofMillis(60))).get(10, TimeUnit.SECONDS);
                assertEquals(CONTENT.length, (long) writeFile(loop, file).get(10, TimeUnit.SECONDS));
                fx.assertQuiescent();
            }
            events = recording.stop();
        }
        List<RecordedEvent> selected = FerryRecording.named(events, "io.ferry.BackendSelected");
        assertEquals(1, selected.size(), events.toString());
        assertEquals(kind.label(), selected.get(0).getString("backend"));
        assertEquals(kind.label(), selected.get(0).getString("requested"));

        List<RecordedEvent> opened = FerryRecording.named(events, "io.ferry.ConnectionOpened");
        List<RecordedEvent> closed = FerryRecording.named(events, "io.ferry.ConnectionClosed");
        assertEquals(CONNECTIONS, opened.size(), opened.toString());
        assertEquals(CONNECTIONS, closed.size(), closed.toString());
        for (RecordedEvent e : opened) {
            assertEquals(loopName, e.getThread().getJavaName());
            assertTrue(e.getString("remote").contains("127.0.0.1"), e.toString());
            assertTrue(e.getString("local").endsWith(":" + portOf(e)), e.toString());
        }
        for (RecordedEvent e : closed) {
            assertEquals(loopName, e.getThread().getJavaName());
            assertEquals("", e.getString("cause"), "an orderly close has no cause: " + e);
        }

        // Class loading on first use (the JFR instrumentation of an event class included) may stall a loop too.
        List<RecordedEvent> stalls = FerryRecording.named(events, "io.ferry.LoopStall").stream()
            .filter(s -> s.getThread().getJavaName().equals(loopName)).toList();
        for (RecordedEvent stall : stalls) {
            assertTrue(stall.getDuration().compareTo(Duration.ofMillis(20)) >= 0, "under the threshold: " + stall);
        }
        // The loop thread's CPU time tells a loop that blocks (or is preempted) from one that computes.
        assertTrue(stalls.stream().anyMatch(s -> s.getDuration().compareTo(Duration.ofMillis(78)) >= 0
            && s.getInt("tasks") >= 1 && cpuTime(s).compareTo(s.getDuration().dividedBy(2)) < 0),
            "the 80 ms sleep, on little CPU: " + stalls);
        assertTrue(stalls.stream().anyMatch(s -> cpuTime(s).compareTo(Duration.ofMillis(60)) >= 0
            && s.getInt("tasks") >= 1), "the 60 ms of CPU: " + stalls);

        List<RecordedEvent> fileOps = FerryRecording.named(events, "io.ferry.SlowFileOp");
        assertEquals(1, fileOps.size(), fileOps.toString());
        assertEquals("write file", fileOps.get(0).getString("operation"));
        assertEquals(file.toString(), fileOps.get(0).getString("path"));
        assertEquals(CONTENT.length, fileOps.get(0).getLong("bytes"));
        assertEquals("", fileOps.get(0).getString("error"));
        assertArrayEquals(CONTENT, Files.readAllBytes(file));
    }

    private static String portOf(RecordedEvent opened) {
        String local = opened.getString("local");
        return local.substring(local.lastIndexOf(':') + 1);
    }

    private static Duration cpuTime(RecordedEvent stall) {
        return stall.getDuration("cpuTime");
    }

    /** Computes until this thread has run {@code cpu} on a processor: a handler that works too long. */
    private static Void spin(Duration cpu) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + cpu.toNanos();
        while (threads.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
        return null;
    }

    private static Void pause(long millis) throws InterruptedException {
        Thread.sleep(millis); // holds the loop: a handler that blocks
        return null;
    }

    /** Writes {@link #CONTENT} to {@code file} through the loop's file I/O, from the loop thread. */
    private static CompletableFuture<Long> writeFile(EventLoop loop, Path file) {
        return loop.call(() -> {
            Buf data = loop.pool().acquire(CONTENT.length).writeBytes(CONTENT);
            return AsyncFile.writeFile(loop, file, data, false).whenComplete((n, e) -> data.release());
        }).thenCompose(f -> f);
    }
}
