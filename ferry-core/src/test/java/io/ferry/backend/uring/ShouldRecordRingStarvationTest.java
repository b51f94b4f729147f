package io.ferry.backend.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import io.ferry.diagnostics.FerryRecording;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: when a handler holds the only buffer of a one-buffer receive ring, the next receive's ENOBUFS shows in
// a recording as a starved ring (ring size and waiting connections), and the waiting peer is still served once
// the buffer comes back.
@Timeout(60)
class ShouldRecordRingStarvationTest {
    @Test
    void shouldRecordAStarvedReceive() throws Exception {
        List<Buf> held = new ArrayList<>();
        Handler hold = new Handler() {
            @Override
            public void onData(Connection c, Buf data) {
                if (held.isEmpty()) {
                    held.add(data); // the ring's only buffer, kept until the test lets go
                } else {
                    c.writeAndFlush(data);
                }
            }
        };
        List<RecordedEvent> events;
        try (FerryRecording recording = FerryRecording.start();
             UringServerFixture server = new UringServerFixture(new UringConfig(64, 256, 1), UnaryOperator.identity(),
                 c -> hold);
             Socket first = new Socket("127.0.0.1", server.port());
             Socket second = new Socket("127.0.0.1", server.port())) {
            first.getOutputStream().write('a');
            assertTrue(awaitHeld(server, held), "first byte held");
            second.getOutputStream().write('b');
            awaitStarved(server);
            server.loop().await(() -> {
                held.forEach(Buf::release);
                return null;
            });
            assertEquals('b', readOne(second.getInputStream()), "served once the buffer came back");
            events = recording.stop();
        }
        List<RecordedEvent> starved = FerryRecording.named(events, "io.ferry.RecvRingStarved");
        assertFalse(starved.isEmpty(), events.toString());
        assertEquals(1, starved.get(0).getInt("ringBuffers"));
        assertTrue(starved.get(0).getInt("waiting") >= 1, starved.toString());
    }

    private static boolean awaitHeld(UringServerFixture server, List<Buf> held) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (server.loop().await(() -> !held.isEmpty())) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static void awaitStarved(UringServerFixture server) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.loop().await(() -> ((UringDriver) server.loop().driver()).starvedCount()) == 0) {
            assertTrue(System.nanoTime() < deadline, "no receive starved");
            Thread.sleep(5);
        }
    }

    private static int readOne(InputStream in) throws IOException {
        return in.read();
    }
}
