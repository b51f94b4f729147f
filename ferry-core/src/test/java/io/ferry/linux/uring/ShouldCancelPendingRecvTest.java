package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.linux.Errno;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldCancelPendingRecvTest {
    // Purpose: ASYNC_CANCEL by user_data ends a pending recv with -ECANCELED and itself completes with 0.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldCompleteCancelledRecvWithEcanceled() throws Exception {
        int[] pair = RingFixture.socketPair();
        try (IoUring ring = RingFixture.openRing(8); Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(64);
            RingFixture.next(ring).prepRecv(pair[0], buf.address(), 64, 0).userData(1);
            ring.submitAndWait(0);
            RingFixture.next(ring).prepCancel(1, 0).userData(2);
            Map<Long, Integer> results = new TreeMap<>();
            for (RingFixture.Cqe cqe : RingFixture.await(ring, 2)) {
                results.put(cqe.userData(), cqe.res());
            }
            assertEquals(Map.of(1L, -Errno.ECANCELED, 2L, 0), results);
        } finally {
            RingFixture.closeAll(pair);
        }
    }
}
