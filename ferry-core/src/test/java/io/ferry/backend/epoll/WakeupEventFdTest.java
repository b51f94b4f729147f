package io.ferry.backend.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.loop.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: a task handed to a loop asleep in epoll_wait(-1) wakes it through the eventfd; timeouts
// round up to whole milliseconds.
@Timeout(30)
class WakeupEventFdTest {
    @Test
    void shouldWakeSleepingPoll() throws Exception {
        try (Ferry ferry = EpollTestSupport.startEpoll()) {
            EventLoop loop = ferry.loops().get(0);
            long before = EpollTestSupport.stats(loop).wakeups();
            Thread.sleep(200); // nothing to do and no timer: the loop sleeps without a timeout
            CountDownLatch ran = new CountDownLatch(1);
            long start = System.nanoTime();
            loop.execute(ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS), "the sleeping loop never woke");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 1_000, "woke after " + millis + " ms");
            assertTrue(EpollTestSupport.stats(loop).wakeups() > before, "woken through the eventfd");
        }
    }

    @Test
    void shouldRoundTimeoutsUpToMillis() {
        assertEquals(-1, EpollDriver.timeoutMillis(-1));
        assertEquals(0, EpollDriver.timeoutMillis(0));
        assertEquals(1, EpollDriver.timeoutMillis(1));
        assertEquals(1, EpollDriver.timeoutMillis(1_000_000));
        assertEquals(2, EpollDriver.timeoutMillis(1_000_001));
        assertEquals(Integer.MAX_VALUE, EpollDriver.timeoutMillis(Long.MAX_VALUE));
    }
}
