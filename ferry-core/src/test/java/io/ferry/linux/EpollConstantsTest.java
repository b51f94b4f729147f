package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EpollConstantsTest {
    // Purpose: epoll event bits and ctl ops match linux/eventpoll.h.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchUapiValues() {
        assertEquals(0x001, Epoll.EPOLLIN);
        assertEquals(0x004, Epoll.EPOLLOUT);
        assertEquals(0x008, Epoll.EPOLLERR);
        assertEquals(0x010, Epoll.EPOLLHUP);
        assertEquals(0x2000, Epoll.EPOLLRDHUP);
        assertEquals(0x10000000, Epoll.EPOLLEXCLUSIVE);
        assertEquals(0x40000000, Epoll.EPOLLONESHOT);
        assertEquals(0x80000000, Epoll.EPOLLET);
        assertEquals(1, Epoll.EPOLL_CTL_ADD);
        assertEquals(2, Epoll.EPOLL_CTL_DEL);
        assertEquals(3, Epoll.EPOLL_CTL_MOD);
        assertEquals(0x80000, Epoll.EPOLL_CLOEXEC);
    }
}
