package io.ferry.linux.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.linux.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldInjectFaultsThroughCompletionSourceTest {
    // Purpose: a CompletionSource wrapper can rewrite a real completion's result, e.g. into -ENOBUFS.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldDeliverRewrittenResult() throws Exception {
        try (IoUring ring = RingFixture.openRing(8)) {
            CompletionSource faulty = (visitor, limit) -> ring.forEachCompletion(
                (ud, res, flags) -> visitor.onCompletion(ud, ud == 1 ? -Errno.ENOBUFS : res, flags), limit);
            RingFixture.next(ring).prepNop().userData(1);
            RingFixture.next(ring).prepNop().userData(2);
            ring.submitAndWait(2);
            List<String> seen = new ArrayList<>();
            faulty.forEachCompletion((ud, res, flags) -> seen.add(ud + ":" + Errno.name(res)), 8);
            assertEquals(List.of("1:ENOBUFS", "2:errno 0"), seen);
        }
    }
}
