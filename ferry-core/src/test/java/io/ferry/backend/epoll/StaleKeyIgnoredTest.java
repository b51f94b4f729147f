package io.ferry.backend.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ferry.runtime.LoopThread;
import io.ferry.Ferry;
import io.ferry.linux.Epoll;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: an event whose key names a released slot is counted and dropped, never routed to the slot's
// next owner.
@Timeout(30)
class StaleKeyIgnoredTest {
    @Test
    void shouldIgnoreEventWithStaleKey() throws Exception {
        try (Ferry ferry = EpollTestSupport.startEpoll()) {
            LoopThread loop = (LoopThread) ferry.loops().get(0);
            AtomicInteger oldCalls = new AtomicInteger();
            AtomicInteger newCalls = new AtomicInteger();
            loop.await(() -> {
                EpollDriver driver = (EpollDriver) loop.driver();
                EpollChannel old = new Recorder(oldCalls);
                long oldKey = driver.register(old);
                driver.unregister(-1, oldKey, old, false);
                EpollChannel next = new Recorder(newCalls);
                long newKey = driver.register(next);
                assertEquals((int) oldKey, (int) newKey, "the slot is reused");
                assertNotEquals(oldKey, newKey, "with a new generation");
                long staleBefore = driver.stats().staleKeys();
                driver.dispatch(oldKey, Epoll.EPOLLIN);
                assertEquals(staleBefore + 1, driver.stats().staleKeys());
                driver.dispatch(newKey, Epoll.EPOLLIN);
                driver.unregister(-1, newKey, next, false);
                return null;
            });
            assertEquals(0, oldCalls.get(), "released channel must not be called");
            assertEquals(1, newCalls.get(), "current owner gets its own event only");
        }
    }

    private record Recorder(AtomicInteger calls) implements EpollChannel {
        @Override
        public void ready(int events) {
            calls.incrementAndGet();
        }

        @Override
        public void abort() {
        }
    }
}
