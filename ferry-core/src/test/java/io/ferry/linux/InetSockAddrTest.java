package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InetSockAddrTest {
    // Purpose: the field-by-field (allocation-free) sockaddr writers produce the same bytes as SockAddr.write,
    // and the readers give back the address, port and scope in both families.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchSockAddrInBothFamilies() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment expected = arena.allocate(32, 8);
            MemorySegment actual = arena.allocate(32, 8);
            assertEquals(16, SockAddr.write(expected, new InetSocketAddress("10.1.2.3", 53)));
            assertEquals(16, InetSockAddr.writeIpv4(actual, 0x0a010203, 53));
            assertArrayEquals(bytes(expected, 16), bytes(actual, 16));
            assertEquals(0x0a010203, InetSockAddr.ipv4(actual));

            InetSocketAddress v6 = new InetSocketAddress("2001:db8::1:2", 65535);
            assertEquals(28, SockAddr.write(expected, v6));
            assertEquals(28, InetSockAddr.writeIpv6(actual, 0x20010db800000000L, 0x0000000000010002L, 65535, 0));
            assertArrayEquals(bytes(expected, 28), bytes(actual, 28));
            assertEquals(0x20010db800000000L, InetSockAddr.ipv6High(actual));
            assertEquals(0x0000000000010002L, InetSockAddr.ipv6Low(actual));
            assertEquals(65535, SockAddr.port(actual));
            assertEquals(v6, SockAddr.read(actual));
        }
    }

    private static byte[] bytes(MemorySegment s, int n) {
        return s.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    }
}
