package io.ferry.linux.uring;

import static io.ferry.linux.IoUringConstants.IORING_CQE_F_BUFFER;
import static io.ferry.linux.IoUringConstants.IORING_CQE_F_MORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.IoUringConstants;
import io.ferry.linux.IoUringCqe;
import io.ferry.linux.LibC;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldReceiveMultishotIntoProvidedBuffersTest {
    private static final int GROUP = 7;
    private static final int BUF_SIZE = 64;

    // Purpose: one multishot recv yields a CQE per message, each naming its provided buffer, F_MORE until EOF.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldNameBufferAndKeepArmed() throws Exception {
        int[] pair = RingFixture.socketPair();
        try (IoUring ring = RingFixture.openRing(8); Arena arena = Arena.ofConfined()) {
            Assumptions.assumeTrue(IoUringProbe.of(ring).isSupported(IoUringConstants.IORING_OP_RECV));
            MemorySegment buffers = arena.allocate(8L * BUF_SIZE, 4096);
            try (ProvidedBufferRing pbr = ring.registerBufferRing(GROUP, 8)) {
                for (int bid = 0; bid < 8; bid++) {
                    pbr.add(bid, buffers.address() + (long) bid * BUF_SIZE, BUF_SIZE);
                }
                pbr.publish();
                RingFixture.next(ring).prepRecvMultishot(pair[0], GROUP, 0).userData(42);
                ring.submit();

                RingFixture.write(pair[1], "hello");
                RingFixture.Cqe first = RingFixture.awaitOne(ring);
                assertEquals(42, first.userData());
                assertEquals(5, first.res());
                assertTrue(first.has(IORING_CQE_F_BUFFER) && first.has(IORING_CQE_F_MORE), "flags " + first);
                int bid1 = IoUringCqe.bufferId(first.flags());
                assertEquals("hello", RingFixture.string(buffers, (long) bid1 * BUF_SIZE, 5));

                RingFixture.write(pair[1], "world!");
                RingFixture.Cqe second = RingFixture.awaitOne(ring);
                assertEquals(6, second.res());
                int bid2 = IoUringCqe.bufferId(second.flags());
                assertNotEquals(bid1, bid2);
                assertEquals("world!", RingFixture.string(buffers, (long) bid2 * BUF_SIZE, 6));

                LibC.close(pair[1]);
                RingFixture.Cqe eof = RingFixture.awaitOne(ring);
                assertEquals(0, eof.res());
                assertFalse(eof.has(IORING_CQE_F_MORE), "multishot must end at EOF");
            }
        } finally {
            LibC.close(pair[0]);
        }
    }
}
