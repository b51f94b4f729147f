package io.ferry.buffer;

import io.ferry.diagnostics.Checks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

// With checks on, every use of a released view and every extra release throw IllegalStateException.
@Timeout(10)
class UseAfterReleaseTest {
    private static void assertReleasedError(Executable op) {
        IllegalStateException e = assertThrows(IllegalStateException.class, op);
        assertTrue(e.getMessage().contains("released buffer"), e.getMessage());
        assertTrue(e.getMessage().contains("after its last release()"), e.getMessage());
    }

    @Test
    void shouldThrowOnDoubleRelease() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire();
            b.release();
            assertReleasedError(b::release);
            assertReleasedError(b::retain);
            assertEquals(0, b.refCnt());
            TestPools.assertAllReturned(pool);
        }
    }

    @Test
    void shouldThrowOnAccessAfterRelease() {
        assumeTrue(Checks.ENABLED, "needs -Dferry.checks=true");
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire().writeInt(1);
            b.release();
            assertReleasedError(() -> b.getByte(0));
            assertReleasedError(() -> b.setInt(0, 1));
            assertReleasedError(b::readInt);
            assertReleasedError(() -> b.writeLong(1));
            assertReleasedError(() -> b.writeAscii("x"));
            assertReleasedError(() -> b.writeDecimal(5));
            assertReleasedError(() -> b.slice(0, 1));
            assertReleasedError(() -> b.nioBuffer(0, 1));
            assertReleasedError(b::address);
            assertReleasedError(b::asSegment);
            assertEquals(0, b.readIndex());
            assertEquals(4, b.writeIndex());
        }
    }

    @Test
    void shouldKeepRetainedViewAliveUntilEveryReferenceIsReleased() {
        try (BufferPool pool = TestPools.small()) {
            Buf b = pool.acquire().retain().retain();
            assertEquals(3, b.refCnt());
            b.release();
            b.release();
            b.writeByte(1);
            assertEquals(1, pool.stats().buffersInUse());
            b.release();
            assertReleasedError(b::release);
            TestPools.assertAllReturned(pool);
        }
    }
}
