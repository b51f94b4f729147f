package io.ferry.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A reusable IPv4 or IPv6 socket address (address bytes, port, IPv6 scope id): the sender a
 * {@link DatagramHandler} is told about and a destination {@link DatagramSocket#send(io.ferry.buffer.Buf,
 * DatagramAddress)} takes, without allocating an {@link InetSocketAddress} per datagram.
 *
 * <p>Lifetime: the sender handed to {@link DatagramHandler#onDatagram} is a flyweight that the socket points
 * at the next datagram's sender after the callback returns. Use it during the callback (reply with it,
 * compare it with {@link #equals}); to keep it, copy it ({@link #set(DatagramAddress)} into an address of
 * your own) or convert it ({@link #toInetSocketAddress()}).
 *
 * <p>Threads: not thread-safe; one thread at a time.
 */
public final class DatagramAddress {
    private final byte[] address = new byte[16];
    private boolean ipv6;
    private int port;
    private int scopeId;
    /** The same address as an object, kept while the address does not change (a peer that keeps sending). */
    private InetSocketAddress cached;

    /** An unset address: IPv4 0.0.0.0, port 0. */
    public DatagramAddress() {
    }

    /**
     * {@return a new address equal to {@code address}}
     *
     * @param address a resolved IPv4 or IPv6 address
     * @throws IllegalArgumentException when {@code address} is unresolved
     */
    public static DatagramAddress of(InetSocketAddress address) {
        return new DatagramAddress().set(address);
    }

    /**
     * Points this address at {@code other}; allocates nothing once {@code other} has been seen.
     *
     * @param other a resolved IPv4 or IPv6 address
     * @return this address
     * @throws IllegalArgumentException when {@code other} is unresolved
     */
    public DatagramAddress set(InetSocketAddress other) {
        if (other == cached) {
            return this;
        }
        InetAddress a = other.getAddress();
        if (a == null) {
            throw new IllegalArgumentException("unresolved address " + other);
        }
        byte[] raw = a.getAddress();
        ipv6 = raw.length == 16;
        System.arraycopy(raw, 0, address, 0, raw.length);
        port = other.getPort();
        scopeId = a instanceof java.net.Inet6Address v6 ? v6.getScopeId() : 0;
        cached = other;
        return this;
    }

    /**
     * Copies {@code other} into this address. Allocates nothing.
     *
     * @param other the address to copy
     * @return this address
     */
    public DatagramAddress set(DatagramAddress other) {
        System.arraycopy(other.address, 0, address, 0, 16);
        ipv6 = other.ipv6;
        port = other.port;
        scopeId = other.scopeId;
        cached = other.cached;
        return this;
    }

    /**
     * Sets an IPv4 address. Allocates nothing; keeps the cached {@link #toInetSocketAddress()} when the
     * address is the same as before.
     *
     * @param ipv4 the address in network order read as a big-endian int ({@code 127.0.0.1} is {@code 0x7f000001})
     * @param port the port, 0 to 65535
     * @return this address
     */
    public DatagramAddress setIpv4(int ipv4, int port) {
        if (ipv6 || this.port != port || ipv4() != ipv4) {
            cached = null;
        }
        ipv6 = false;
        address[0] = (byte) (ipv4 >>> 24);
        address[1] = (byte) (ipv4 >>> 16);
        address[2] = (byte) (ipv4 >>> 8);
        address[3] = (byte) ipv4;
        this.port = port;
        scopeId = 0;
        return this;
    }

    /**
     * Sets an IPv6 address from its two halves. Allocates nothing; keeps the cached
     * {@link #toInetSocketAddress()} when the address is the same as before.
     *
     * @param high the first 8 bytes, big-endian
     * @param low the last 8 bytes, big-endian
     * @param port the port, 0 to 65535
     * @param scopeId the scope (interface) id, 0 for none
     * @return this address
     */
    public DatagramAddress setIpv6(long high, long low, int port, int scopeId) {
        if (!ipv6 || this.port != port || this.scopeId != scopeId || ipv6High() != high || ipv6Low() != low) {
            cached = null;
        }
        ipv6 = true;
        for (int i = 0; i < 8; i++) {
            address[i] = (byte) (high >>> (56 - 8 * i));
            address[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        this.port = port;
        this.scopeId = scopeId;
        return this;
    }

    /** {@return true for an IPv6 address, false for IPv4} */
    public boolean isIpv6() {
        return ipv6;
    }

    /** {@return the port} */
    public int port() {
        return port;
    }

    /** {@return the IPv6 scope id, 0 for IPv4 or none} */
    public int scopeId() {
        return scopeId;
    }

    /** {@return the IPv4 address as a big-endian int; meaningless for IPv6} */
    public int ipv4() {
        return (address[0] & 0xff) << 24 | (address[1] & 0xff) << 16 | (address[2] & 0xff) << 8 | address[3] & 0xff;
    }

    /** {@return the first 8 bytes of the IPv6 address, big-endian} */
    public long ipv6High() {
        return half(0);
    }

    /** {@return the last 8 bytes of the IPv6 address, big-endian} */
    public long ipv6Low() {
        return half(8);
    }

    private long half(int from) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | address[from + i] & 0xff;
        }
        return v;
    }

    /**
     * {@return this address as an object} Allocates only when the address changed since the last call (or
     * the last {@link #set(InetSocketAddress)}).
     */
    public InetSocketAddress toInetSocketAddress() {
        InetSocketAddress c = cached;
        if (c == null) {
            try {
                byte[] raw = Arrays.copyOf(address, ipv6 ? 16 : 4);
                // no scope: plain getByAddress, so the address prints as ::1, not ::1%0
                InetAddress a = ipv6 && scopeId != 0 ? java.net.Inet6Address.getByAddress(null, raw, scopeId)
                    : InetAddress.getByAddress(raw);
                c = new InetSocketAddress(a, port);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // unreachable: the length is always 4 or 16
            }
            cached = c;
        }
        return c;
    }

    /** {@return true when {@code o} is a {@code DatagramAddress} with the same family, bytes, port and scope} */
    @Override
    public boolean equals(Object o) {
        return o instanceof DatagramAddress d && d.ipv6 == ipv6 && d.port == port && d.scopeId == scopeId
            && Arrays.equals(address, 0, ipv6 ? 16 : 4, d.address, 0, ipv6 ? 16 : 4);
    }

    /** {@return a hash of family, bytes and port} */
    @Override
    public int hashCode() {
        return (ipv6 ? 31 * Long.hashCode(ipv6High()) + Long.hashCode(ipv6Low()) : ipv4()) * 31 + port;
    }

    /** {@return {@code 127.0.0.1:9000} or {@code [::1]:9000}} Allocates. */
    @Override
    public String toString() {
        InetSocketAddress a = toInetSocketAddress();
        String host = a.getAddress().getHostAddress();
        return (ipv6 ? "[" + host + "]" : host) + ":" + port;
    }
}
