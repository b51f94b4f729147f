package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SockAddrTest {
    // Purpose: IPv4 and IPv6 addresses round-trip through sockaddr_in/in6 with the port in network order.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldRoundTripBothFamilies() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(SockAddr.STORAGE_SIZE);
            InetSocketAddress v4 = new InetSocketAddress("127.0.0.1", 8080);
            assertEquals(16, SockAddr.write(buf, v4));
            assertEquals(SocketConstants.AF_INET, SockAddr.family(buf));
            assertEquals((byte) 0x1F, buf.get(ValueLayout.JAVA_BYTE, 2)); // 8080 = 0x1F90, big-endian
            assertEquals((byte) 0x90, buf.get(ValueLayout.JAVA_BYTE, 3));
            assertEquals(v4, SockAddr.read(buf));

            InetSocketAddress v6 = new InetSocketAddress("::1", 65535);
            assertEquals(28, SockAddr.write(buf, v6));
            assertEquals(SocketConstants.AF_INET6, SockAddr.family(buf));
            assertEquals(v6, SockAddr.read(buf));
        }
    }
}
