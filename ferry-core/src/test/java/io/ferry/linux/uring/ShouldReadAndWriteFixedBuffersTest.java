package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import io.ferry.linux.FileConstants;
import io.ferry.linux.IoVec;
import io.ferry.linux.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ShouldReadAndWriteFixedBuffersTest {
    // Purpose: WRITE_FIXED/READ_FIXED move data through buffers registered with IORING_REGISTER_BUFFERS.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldRoundTripThroughRegisteredBuffers(@TempDir Path dir) throws Exception {
        try (IoUring ring = RingFixture.openRing(8); Arena arena = Arena.ofConfined()) {
            MemorySegment bufs = arena.allocate(8192, 4096);
            MemorySegment iov = arena.allocate(IoVec.LAYOUT, 2);
            IoVec.set(iov, 0, bufs.address(), 4096);
            IoVec.set(iov, 1, bufs.address() + 4096, 4096);
            int r = ring.registerBuffers(iov.address(), 2);
            assertEquals(0, r, () -> Errno.name(r));
            MemorySegment path = arena.allocateFrom(dir.resolve("fixed.bin").toString());
            int fd = LibC.openat(FileConstants.AT_FDCWD, path.address(),
                FileConstants.O_RDWR | FileConstants.O_CREAT | FileConstants.O_CLOEXEC, 0600);
            assertTrue(fd >= 0);
            for (int i = 0; i < 4096; i++) {
                bufs.set(ValueLayout.JAVA_BYTE, i, (byte) i);
            }
            RingFixture.next(ring).prepWriteFixed(fd, bufs.address(), 4096, 0, 0).userData(1);
            assertEquals(4096, RingFixture.awaitOne(ring).res());
            RingFixture.next(ring).prepReadFixed(fd, bufs.address() + 4096, 4096, 0, 1).userData(2);
            assertEquals(4096, RingFixture.awaitOne(ring).res());
            assertEquals(-1L, bufs.asSlice(0, 4096).mismatch(bufs.asSlice(4096, 4096)));
            assertEquals(0, ring.unregisterBuffers());
            LibC.close(fd);
        }
    }
}
