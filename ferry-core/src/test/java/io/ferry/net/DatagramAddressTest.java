package io.ferry.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DatagramAddressTest {
    // Purpose: the flyweight agrees with InetSocketAddress both ways, and a sender that does not change keeps
    // its converted object, so a peer that keeps sending costs no allocation per datagram.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldConvertBothWaysAndKeepTheObjectWhileUnchanged() {
        DatagramAddress a = new DatagramAddress().setIpv4(0x7f000001, 9000);
        InetSocketAddress first = a.toInetSocketAddress();
        assertEquals(new InetSocketAddress("127.0.0.1", 9000), first);
        assertSame(first, a.setIpv4(0x7f000001, 9000).toInetSocketAddress(), "same sender, same object");
        assertEquals(new InetSocketAddress("127.0.0.1", 9001), a.setIpv4(0x7f000001, 9001).toInetSocketAddress());
        assertEquals("127.0.0.1:9001", a.toString());

        DatagramAddress v6 = DatagramAddress.of(new InetSocketAddress("::1", 53));
        assertEquals(0L, v6.ipv6High());
        assertEquals(1L, v6.ipv6Low());
        assertEquals("[0:0:0:0:0:0:0:1]:53", v6.toString());
        DatagramAddress same = new DatagramAddress().setIpv6(0L, 1L, 53, 0);
        assertEquals(v6, same);
        assertEquals(v6.hashCode(), same.hashCode());
        assertNotEquals(v6, a);
        assertEquals(v6, new DatagramAddress().set(v6));
        assertEquals("[0:0:0:0:0:0:0:1]:53", same.toString(), "a sender without a scope prints without %0");
    }
}
