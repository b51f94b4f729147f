package io.ferry.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: a pinned lent buffer (an incremental ring's, while the kernel fills it) does not go to its lender
// when its views are all released, even on another thread, and can be viewed again; after unpinning it goes
// home exactly once, with its last view, and the pool's counts end at baseline.
@Timeout(10)
class ShouldKeepPinnedLentBufferFromGoingHomeTest {
    @Test
    void shouldGoHomeOnceAfterUnpinAndLastView() throws InterruptedException {
        try (BufferPool pool = TestPools.small()) {
            pool.bindOwner(Thread.currentThread());
            List<Integer> home = new ArrayList<>();
            int id = pool.lend(1, home::add)[0];
            pool.pinLent(id);
            Buf first = pool.viewLent(id, 10);
            Thread t = Thread.ofPlatform().start(first::release); // the last view, elsewhere, while pinned
            t.join();
            assertEquals(0, pool.drainReturns(), "a pinned buffer is not on its way home");
            assertTrue(home.isEmpty(), "went to the lender while pinned");
            Buf whole = pool.viewLent(id, 20); // viewed again, as the next receive into it is
            Buf second = whole.readSlice(10);
            whole.release();
            assertEquals(0, pool.stats().lentInUse(), "views of a pinned buffer are not counted yet");

            pool.unpinLent(id); // the kernel is done: the buffer counts as in use while a view is left
            assertEquals(1, pool.stats().lentInUse());
            assertTrue(home.isEmpty(), "went home with a view left");
            second.release();
            assertEquals(List.of(id), home, "home exactly once, with the last view");
            assertEquals(0, pool.stats().inUse());
            pool.unlend(id);
            TestPools.assertAllReturned(pool);
        }
    }
}
