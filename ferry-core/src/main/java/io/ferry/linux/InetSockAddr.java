package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@link SockAddr}'s {@code sockaddr_in} and {@code sockaddr_in6} read and written field by field as
 * primitives, so a per-datagram path (a sender to report, a destination to send to) allocates nothing.
 * Addresses are big-endian numbers: {@code 127.0.0.1} is {@code 0x7f000001}.
 */
public final class InetSockAddr {
    // unaligned: a name the kernel writes inside a received buffer sits wherever the buffer layout puts it
    private static final ValueLayout.OfInt BE_INT = JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong BE_LONG = JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort BE_SHORT = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt HOST_INT = JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong HOST_LONG = JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort HOST_SHORT = JAVA_SHORT_UNALIGNED;

    private InetSockAddr() {
    }

    /** {@return {@code sin_addr} as a big-endian int} */
    public static int ipv4(MemorySegment src) {
        return src.get(BE_INT, SockAddr.SIN_ADDR);
    }

    /** {@return the first 8 bytes of {@code sin6_addr}, big-endian} */
    public static long ipv6High(MemorySegment src) {
        return src.get(BE_LONG, SockAddr.SIN6_ADDR);
    }

    /** {@return the last 8 bytes of {@code sin6_addr}, big-endian} */
    public static long ipv6Low(MemorySegment src) {
        return src.get(BE_LONG, SockAddr.SIN6_ADDR + 8);
    }

    /** {@return {@code sin6_scope_id}} */
    public static int scopeId(MemorySegment src) {
        return src.get(HOST_INT, SockAddr.SIN6_SCOPE_ID);
    }

    /**
     * Writes a {@code sockaddr_in}.
     *
     * @return its length, 16
     */
    public static int writeIpv4(MemorySegment dst, int address, int port) {
        dst.set(HOST_SHORT, SockAddr.FAMILY, (short) SocketConstants.AF_INET);
        dst.set(BE_SHORT, SockAddr.PORT, (short) port);
        dst.set(BE_INT, SockAddr.SIN_ADDR, address);
        dst.set(HOST_LONG, 8, 0L);
        return SockAddr.IN_SIZE;
    }

    /**
     * Writes a {@code sockaddr_in6} (flow info 0).
     *
     * @return its length, 28
     */
    public static int writeIpv6(MemorySegment dst, long high, long low, int port, int scopeId) {
        dst.set(HOST_SHORT, SockAddr.FAMILY, (short) SocketConstants.AF_INET6);
        dst.set(BE_SHORT, SockAddr.PORT, (short) port);
        dst.set(HOST_INT, SockAddr.SIN6_FLOWINFO, 0);
        dst.set(BE_LONG, SockAddr.SIN6_ADDR, high);
        dst.set(BE_LONG, SockAddr.SIN6_ADDR + 8, low);
        dst.set(HOST_INT, SockAddr.SIN6_SCOPE_ID, scopeId);
        return SockAddr.IN6_SIZE;
    }
}
