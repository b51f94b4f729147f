package io.ferry.linux.uring;

import static io.ferry.linux.IoUringConstants.IORING_CQE_F_MORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.linux.Errno;
import io.ferry.linux.LibC;
import io.ferry.linux.SockAddr;
import io.ferry.linux.SocketConstants;
import io.ferry.linux.Sockets;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldAcceptMultishotTest {
    // Purpose: one multishot accept on a loopback listener yields a descriptor per client, F_MORE each time.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldAcceptTwoClientsFromOneSqe() throws Exception {
        int listener = Sockets.socket(SocketConstants.AF_INET, SocketConstants.SOCK_STREAM
            | SocketConstants.SOCK_CLOEXEC, 0);
        assertTrue(listener >= 0, Errno.name(listener));
        try (IoUring ring = RingFixture.openRing(8); Arena arena = Arena.ofConfined()) {
            int port = bindLoopback(listener, arena);
            RingFixture.next(ring).prepAcceptMultishot(listener, SocketConstants.SOCK_CLOEXEC).userData(11);
            ring.submit();
            try (Socket c1 = new Socket("127.0.0.1", port); Socket c2 = new Socket("127.0.0.1", port)) {
                List<RingFixture.Cqe> cqes = RingFixture.await(ring, 2);
                Set<Integer> clientPorts = new HashSet<>();
                for (RingFixture.Cqe cqe : cqes) {
                    assertEquals(11, cqe.userData());
                    assertTrue(cqe.res() >= 0, "accept: " + Errno.name(cqe.res()));
                    assertTrue(cqe.has(IORING_CQE_F_MORE));
                    clientPorts.add(peerPort(cqe.res(), arena));
                    LibC.close(cqe.res());
                }
                assertEquals(Set.of(c1.getLocalPort(), c2.getLocalPort()), clientPorts);
            }
        } finally {
            LibC.close(listener);
        }
    }

    private static int bindLoopback(int fd, Arena arena) {
        MemorySegment addr = arena.allocate(SockAddr.STORAGE_SIZE);
        int len = SockAddr.write(addr, new InetSocketAddress("127.0.0.1", 0));
        assertEquals(0, Sockets.bind(fd, addr.address(), len));
        assertEquals(0, Sockets.listen(fd, 16));
        MemorySegment lenOut = arena.allocateFrom(ValueLayout.JAVA_INT, SockAddr.STORAGE_SIZE);
        assertEquals(0, Sockets.getsockname(fd, addr.address(), lenOut.address()));
        return SockAddr.port(addr);
    }

    private static int peerPort(int fd, Arena arena) {
        MemorySegment addr = arena.allocate(SockAddr.STORAGE_SIZE);
        MemorySegment len = arena.allocateFrom(ValueLayout.JAVA_INT, SockAddr.STORAGE_SIZE);
        assertEquals(0, Sockets.getpeername(fd, addr.address(), len.address()));
        return SockAddr.read(addr).getPort();
    }
}
