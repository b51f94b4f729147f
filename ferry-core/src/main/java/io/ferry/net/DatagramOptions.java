package io.ferry.net;

import java.net.InetSocketAddress;

/**
 * Settings of one datagram socket.
 *
 * @param remote        the only peer (the socket is connected: it sends to and receives from {@code remote}
 *                      alone, and ICMP errors from it are reported), or null for an unconnected socket
 * @param receiveLimit  the largest payload delivered, 0 to 65,535 (default 65,535, so no UDP datagram is
 *                      cut); a longer datagram is delivered truncated to this length and flagged
 * @param sendQueue     datagrams that may wait for the kernel per socket (default 1024); beyond it
 *                      {@link DatagramSocket#send} refuses (returns false) and counts the drop
 */
public record DatagramOptions(InetSocketAddress remote, int receiveLimit, int sendQueue) {
    /** The largest payload of a UDP datagram over IPv4: 65,535 less the IP and UDP headers (20 + 8). */
    public static final int MAX_IPV4_PAYLOAD = 65_507;
    /** The largest payload of a UDP datagram over IPv6 without jumbograms: 65,535 less the UDP header. */
    public static final int MAX_IPV6_PAYLOAD = 65_527;

    /**
     * {@return the largest UDP payload to an address family: {@link #MAX_IPV6_PAYLOAD} or {@link #MAX_IPV4_PAYLOAD}}
     *
     * @param ipv6 whether the destination is IPv6
     */
    public static int maxPayload(boolean ipv6) {
        return ipv6 ? MAX_IPV6_PAYLOAD : MAX_IPV4_PAYLOAD;
    }

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException unless {@code 0 <= receiveLimit <= 65535} and {@code sendQueue > 0}
     */
    public DatagramOptions {
        if (receiveLimit < 0 || receiveLimit > 65_535 || sendQueue <= 0) {
            throw new IllegalArgumentException("invalid datagram options: receive limit " + receiveLimit
                + " (0 to 65535), send queue " + sendQueue + " (at least 1)");
        }
    }

    /** {@return an unconnected socket, receive limit 65,535, send queue 1024} */
    public static DatagramOptions defaults() {
        return new DatagramOptions(null, 65_535, 1024);
    }

    /**
     * {@return these options for a socket connected to {@code peer}}
     *
     * @param peer the only peer, resolved
     */
    public DatagramOptions withRemote(InetSocketAddress peer) {
        return new DatagramOptions(peer, receiveLimit, sendQueue);
    }

    /**
     * {@return these options with another receive limit}
     *
     * @param bytes the largest payload delivered, 0 to 65,535
     */
    public DatagramOptions withReceiveLimit(int bytes) {
        return new DatagramOptions(remote, bytes, sendQueue);
    }

    /**
     * {@return these options with another send queue length}
     *
     * @param datagrams at least 1
     */
    public DatagramOptions withSendQueue(int datagrams) {
        return new DatagramOptions(remote, receiveLimit, datagrams);
    }
}
