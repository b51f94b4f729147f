package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.FileConstants;
import io.ferry.linux.IoUringConstants;
import io.ferry.linux.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ShouldWriteAndReadFileTest {
    // Purpose: openat, write, fsync and read through the ring move the bytes to disk and back.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldWriteThenReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.bin");
        byte[] payload = "ferry over io_uring".getBytes(StandardCharsets.UTF_8);
        try (IoUring ring = RingFixture.openRing(8); Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(file.toString());
            RingFixture.next(ring).prepOpenat(FileConstants.AT_FDCWD, path.address(),
                FileConstants.O_RDWR | FileConstants.O_CREAT | FileConstants.O_CLOEXEC, 0600).userData(1);
            int fd = RingFixture.awaitOne(ring).res();
            assertTrue(fd >= 0, "openat: " + fd);

            MemorySegment out = arena.allocate(payload.length);
            MemorySegment.copy(payload, 0, out, ValueLayout.JAVA_BYTE, 0, payload.length);
            RingFixture.next(ring).prepWrite(fd, out.address(), payload.length, 0).userData(2);
            assertEquals(payload.length, RingFixture.awaitOne(ring).res());
            RingFixture.next(ring).prepFsync(fd, IoUringConstants.IORING_FSYNC_DATASYNC).userData(3);
            assertEquals(0, RingFixture.awaitOne(ring).res());

            MemorySegment in = arena.allocate(64);
            RingFixture.next(ring).prepRead(fd, in.address(), 64, 0).userData(4);
            RingFixture.Cqe read = RingFixture.awaitOne(ring);
            assertEquals(payload.length, read.res());
            assertEquals("ferry over io_uring", RingFixture.string(in, 0, read.res()));
            assertEquals(payload.length, Files.size(file));
            LibC.close(fd);
        }
    }
}
