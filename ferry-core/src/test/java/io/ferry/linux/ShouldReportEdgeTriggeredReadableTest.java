package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldReportEdgeTriggeredReadableTest {
    // Purpose: an edge-triggered EPOLLIN fires once after a pipe write, with our data, and not again until new data.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldFireOncePerEdge() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            assertEquals(0, LibC.pipe2(fds.address(), FileConstants.O_NONBLOCK | FileConstants.O_CLOEXEC));
            int readEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            int writeEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
            int epfd = Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC);
            assertTrue(epfd >= 0);
            try {
                MemorySegment events = arena.allocate(EpollEvent.LAYOUT, 4);
                EpollEvent.set(events, 0, Epoll.EPOLLIN | Epoll.EPOLLET, 0x1234_5678_9ABCL);
                assertEquals(0, Epoll.epollCtl(epfd, Epoll.EPOLL_CTL_ADD, readEnd, events.address()));

                MemorySegment data = arena.allocateFrom("x");
                assertEquals(1, LibC.write(writeEnd, data.address(), 1));
                assertEquals(1, Epoll.epollWait(epfd, events.address(), 4, 1000));
                assertTrue((EpollEvent.events(events, 0) & Epoll.EPOLLIN) != 0);
                assertEquals(0x1234_5678_9ABCL, EpollEvent.data(events, 0));
                assertEquals(0, Epoll.epollWait(epfd, events.address(), 4, 0), "no new edge without new data");

                assertEquals(1, LibC.write(writeEnd, data.address(), 1));
                assertEquals(1, Epoll.epollWait(epfd, events.address(), 4, 1000));
            } finally {
                LibC.close(epfd);
                LibC.close(readEnd);
                LibC.close(writeEnd);
            }
        }
    }
}
