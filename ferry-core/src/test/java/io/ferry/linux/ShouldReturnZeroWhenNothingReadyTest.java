package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldReturnZeroWhenNothingReadyTest {
    // Purpose: epoll_wait with timeout 0 returns 0 at once when no registered descriptor is ready.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldPollWithoutBlocking() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            assertEquals(0, LibC.pipe2(fds.address(), FileConstants.O_NONBLOCK | FileConstants.O_CLOEXEC));
            int readEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            int epfd = Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC);
            assertTrue(epfd >= 0);
            try {
                MemorySegment events = arena.allocate(EpollEvent.LAYOUT, 4);
                EpollEvent.set(events, 0, Epoll.EPOLLIN, 1L);
                assertEquals(0, Epoll.epollCtl(epfd, Epoll.EPOLL_CTL_ADD, readEnd, events.address()));
                assertEquals(0, Epoll.epollWait(epfd, events.address(), 4, 0));
            } finally {
                LibC.close(epfd);
                LibC.close(readEnd);
                LibC.close(fds.getAtIndex(ValueLayout.JAVA_INT, 1));
            }
        }
    }
}
