package io.ferry.backend.epoll;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Ferry;
import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;
import io.ferry.loop.EventLoop;
import io.ferry.runtime.LoopThread;
import java.io.IOException;

/** Starts a one-loop Ferry on epoll, skipping the test where epoll cannot run. */
final class EpollTestSupport {
    private EpollTestSupport() {
    }

    static Ferry startEpoll() throws IOException {
        Availability a = new EpollBackend().availability();
        assumeTrue(a.available(), () -> "epoll unavailable: " + a.reason());
        return Ferry.builder().backend(BackendKind.EPOLL).loops(1).build();
    }

    static EpollStats stats(EventLoop on) {
        LoopThread loop = (LoopThread) on;
        return loop.await(() -> ((EpollDriver) loop.driver()).stats());
    }
}
