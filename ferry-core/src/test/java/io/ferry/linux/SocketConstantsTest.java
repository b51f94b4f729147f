package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SocketConstantsTest {
    // Purpose: socket families, types, levels and options match the x86_64 uapi values.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchUapiValues() {
        assertEquals(1, SocketConstants.AF_UNIX);
        assertEquals(2, SocketConstants.AF_INET);
        assertEquals(10, SocketConstants.AF_INET6);
        assertEquals(1, SocketConstants.SOCK_STREAM);
        assertEquals(0x800, SocketConstants.SOCK_NONBLOCK);
        assertEquals(0x80000, SocketConstants.SOCK_CLOEXEC);
        assertEquals(FileConstants.O_NONBLOCK, SocketConstants.SOCK_NONBLOCK);
        assertEquals(FileConstants.O_CLOEXEC, SocketConstants.SOCK_CLOEXEC);
        assertEquals(1, SocketConstants.SOL_SOCKET);
        assertEquals(2, SocketConstants.SO_REUSEADDR);
        assertEquals(4, SocketConstants.SO_ERROR);
        assertEquals(7, SocketConstants.SO_SNDBUF);
        assertEquals(8, SocketConstants.SO_RCVBUF);
        assertEquals(15, SocketConstants.SO_REUSEPORT);
        assertEquals(17, SocketConstants.SO_PEERCRED);
        assertEquals(6, SocketConstants.IPPROTO_TCP);
        assertEquals(41, SocketConstants.IPPROTO_IPV6);
        assertEquals(26, SocketConstants.IPV6_V6ONLY);
        assertEquals(1, SocketConstants.TCP_NODELAY);
        assertEquals(1, SocketConstants.SHUT_WR);
        assertEquals(0x4000, SocketConstants.MSG_NOSIGNAL);
        assertEquals(0x40, SocketConstants.MSG_DONTWAIT);
    }

    // Purpose: a real socket accepts the option constants (SO_REUSEADDR round trip, SO_TYPE = SOCK_STREAM).
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldBeAcceptedByTheKernel() {
        int fd = Sockets.socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM | SocketConstants.SOCK_CLOEXEC,
            0);
        try {
            assertEquals(0, Sockets.setIntOption(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_REUSEADDR, 1));
            assertEquals(1, Sockets.getIntOption(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_REUSEADDR));
            assertEquals(SocketConstants.SOCK_STREAM,
                Sockets.getIntOption(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_TYPE));
            assertEquals(0, Sockets.setIntOption(fd, SocketConstants.IPPROTO_TCP, SocketConstants.TCP_NODELAY, 1));
        } finally {
            LibC.close(fd);
        }
    }
}
