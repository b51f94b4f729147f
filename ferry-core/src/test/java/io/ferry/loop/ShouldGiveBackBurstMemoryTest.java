package io.ferry.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: an event loop trims its pool on its own: the slabs a burst grew are freed one to two trim intervals after
// the burst, including buffers released on another thread, with no call from the user.
class ShouldGiveBackBurstMemoryTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFreeWhatABurstGrewWithinTwoTrimIntervals() throws Exception {
        Duration interval = Duration.ofMillis(100);
        try (Ferry ferry = Ferry.builder().backend(BackendKind.NIO).loops(1)
            .pools(() -> BufferPool.builder().trimInterval(interval).build()).build()) {
            EventLoop loop = ferry.loops().get(0);
            long steady = loop.await(() -> loop.pool().stats().reservedBytes());
            List<Buf> burst = loop.await(() -> {
                List<Buf> held = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) { // about 8 slabs of 16 KiB buffers
                    held.add(loop.pool().acquire());
                }
                return held;
            });
            long grown = loop.await(() -> loop.pool().stats().reservedBytes());
            assertTrue(grown > steady + 16L * 1024 * 1024, "the burst grew the pool: " + steady + " -> " + grown);
            Thread releaser = Thread.ofPlatform().start(() -> burst.forEach(Buf::release)); // off the loop
            releaser.join();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long now = grown;
            while (now != steady && System.nanoTime() < deadline) {
                Thread.sleep(interval.toMillis());
                now = loop.await(() -> loop.pool().stats().reservedBytes());
            }
            assertEquals(steady, now, "slabs the burst grew were never freed");
            assertEquals(0, (int) loop.await(() -> loop.pool().stats().inUse()));
        }
    }
}
