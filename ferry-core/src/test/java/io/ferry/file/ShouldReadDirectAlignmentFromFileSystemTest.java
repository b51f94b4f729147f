package io.ferry.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import io.ferry.linux.FileConstants;
import io.ferry.linux.LibC;
import io.ferry.linux.Statx;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldReadDirectAlignmentFromFileSystemTest {
    // Purpose: O_DIRECT files take their alignment from statx STATX_DIOALIGN, or 4096 with the reason when absent.
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldUseTheFileSystemsAlignment(BackendKind kind) throws Exception {
        try (FileFixture fx = new FileFixture(kind)) {
            AsyncFile f = fx.openDirect("align");
            Path path = f.path();
            DirectAlignment expected = statx(path);
            int unit = expected.offset();
            Buf block = fx.patterned(Math.max(unit, expected.memory()) * 2, 0, 5);
            Buf one = block.slice(0, unit).writeIndex(unit);
            try (f) {
                assertEquals(expected.memory(), f.directMemoryAlignment());
                assertEquals(expected.offset(), f.directOffsetAlignment());
                assertEquals(unit, (long) FileFixture.await(f.write(one, unit)), "one aligned unit at offset " + unit);
                String msg = assertThrows(IllegalArgumentException.class,
                    () -> f.write(one, unit / 2)).getMessage();
                assertTrue(msg.contains(expected.source()) && msg.contains("offset " + unit / 2), msg);
            } finally {
                one.release();
                block.release();
                Files.deleteIfExists(path);
            }
            fx.assertQuiescent();
        }
    }

    // Purpose: a statx without STATX_DIOALIGN in its mask gives 4096 and says why.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldFallBackWhenNotReported() {
        try (Arena arena = Arena.ofConfined()) {
            DirectAlignment a = DirectAlignment.of(arena.allocate(Statx.SIZE, 8));
            assertEquals(4096, a.memory());
            assertEquals(4096, a.offset());
            assertTrue(a.source().contains("does not report STATX_DIOALIGN"), a.source());
        }
    }

    /** What the kernel says about {@code path}, read directly with statx(2). */
    private static DirectAlignment statx(Path path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Statx.SIZE, 8);
            int r = LibC.statx(FileConstants.AT_FDCWD, arena.allocateFrom(path.toString()).address(), 0,
                Statx.STATX_DIOALIGN, buf.address());
            assertEquals(0, r, "statx " + path);
            return DirectAlignment.of(buf);
        }
    }
}
