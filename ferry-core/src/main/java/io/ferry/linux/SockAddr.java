package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * {@code struct sockaddr_in} (16 bytes) and {@code struct sockaddr_in6} (28 bytes), converted from and to
 * {@link InetSocketAddress}.
 *
 * <pre>
 *   sockaddr_in
 *   0            2            4                          8                          16
 *   +------------+------------+--------------------------+--------------------------+
 *   | sin_family |  sin_port  |   sin_addr (4 bytes)     |      sin_zero (8)        |
 *   +------------+------------+--------------------------+--------------------------+
 *   sockaddr_in6
 *   0             2             4               8                           24            28
 *   +-------------+-------------+---------------+---------------------------+-------------+
 *   | sin6_family |  sin6_port  | sin6_flowinfo |   sin6_addr (16 bytes)    |sin6_scope_id|
 *   +-------------+-------------+---------------+---------------------------+-------------+
 * </pre>
 *
 * <p>Ports and addresses are in network byte order; the family is host order. Reading allocates (an
 * {@code InetSocketAddress}), so keep it off per-message paths; writing does not.
 */
public final class SockAddr {
    /** {@code sockaddr_in}, 16 bytes. */
    public static final StructLayout IN_LAYOUT = MemoryLayout.structLayout(
        JAVA_SHORT.withName("sin_family"),
        JAVA_SHORT.withName("sin_port"),
        MemoryLayout.sequenceLayout(4, JAVA_BYTE).withName("sin_addr"),
        MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sin_zero")).withName("sockaddr_in");
    /** {@code sockaddr_in6}, 28 bytes. */
    public static final StructLayout IN6_LAYOUT = MemoryLayout.structLayout(
        JAVA_SHORT.withName("sin6_family"),
        JAVA_SHORT.withName("sin6_port"),
        JAVA_INT.withName("sin6_flowinfo"),
        MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("sin6_addr"),
        JAVA_INT.withName("sin6_scope_id")).withName("sockaddr_in6");

    /** Size of {@code sockaddr_in}. */
    public static final int IN_SIZE = 16;
    /** Size of {@code sockaddr_in6}. */
    public static final int IN6_SIZE = 28;
    /** Size of {@code sockaddr_storage}: large enough for any address; allocate this for accept/getpeername. */
    public static final int STORAGE_SIZE = 128;
    /** Offset of the family field (both structs). */
    public static final int FAMILY = 0;
    /** Offset of the port field (both structs). */
    public static final int PORT = 2;
    /** Offset of {@code sin_addr}. */
    public static final int SIN_ADDR = 4;
    /** Offset of {@code sin6_flowinfo}. */
    public static final int SIN6_FLOWINFO = 4;
    /** Offset of {@code sin6_addr}. */
    public static final int SIN6_ADDR = 8;
    /** Offset of {@code sin6_scope_id}. */
    public static final int SIN6_SCOPE_ID = 24;

    private static final ValueLayout.OfShort PORT_LAYOUT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private SockAddr() {
    }

    /**
     * Writes {@code address} as sockaddr_in or sockaddr_in6 at the start of {@code dst}.
     *
     * @return the number of bytes written, to pass as the address length
     * @throws IllegalArgumentException when the address is unresolved
     */
    public static int write(MemorySegment dst, InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address: " + address);
        }
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet4Address) {
            dst.asSlice(0, IN_SIZE).fill((byte) 0);
            dst.set(JAVA_SHORT, FAMILY, (short) SocketConstants.AF_INET);
            dst.set(PORT_LAYOUT, PORT, (short) address.getPort());
            MemorySegment.copy(raw, 0, dst, JAVA_BYTE, SIN_ADDR, 4);
            return IN_SIZE;
        }
        dst.asSlice(0, IN6_SIZE).fill((byte) 0);
        dst.set(JAVA_SHORT, FAMILY, (short) SocketConstants.AF_INET6);
        dst.set(PORT_LAYOUT, PORT, (short) address.getPort());
        MemorySegment.copy(raw, 0, dst, JAVA_BYTE, SIN6_ADDR, 16);
        dst.set(JAVA_INT, SIN6_SCOPE_ID, ((Inet6Address) ip).getScopeId());
        return IN6_SIZE;
    }

    /** Reads the family field. */
    public static int family(MemorySegment src) {
        return src.get(JAVA_SHORT, FAMILY);
    }

    /** Reads the port (host order, 0..65535). */
    public static int port(MemorySegment src) {
        return Short.toUnsignedInt(src.get(PORT_LAYOUT, PORT));
    }

    /** Reads an AF_INET address's four bytes as one int (network order kept): a cheap key for the IP alone. */
    public static int ipv4(MemorySegment src) {
        return src.get(JAVA_INT, SIN_ADDR);
    }

    /**
     * Reads an AF_INET or AF_INET6 address.
     *
     * @throws IllegalArgumentException for other families
     */
    public static InetSocketAddress read(MemorySegment src) {
        int family = family(src);
        try {
            if (family == SocketConstants.AF_INET) {
                byte[] raw = new byte[4];
                MemorySegment.copy(src, JAVA_BYTE, SIN_ADDR, raw, 0, 4);
                return new InetSocketAddress(InetAddress.getByAddress(raw), port(src));
            }
            if (family == SocketConstants.AF_INET6) {
                byte[] raw = new byte[16];
                MemorySegment.copy(src, JAVA_BYTE, SIN6_ADDR, raw, 0, 16);
                int scope = src.get(JAVA_INT, SIN6_SCOPE_ID);
                return new InetSocketAddress(Inet6Address.getByAddress(null, raw, scope), port(src));
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address bytes", e);
        }
        throw new IllegalArgumentException("unsupported address family " + family);
    }
}
