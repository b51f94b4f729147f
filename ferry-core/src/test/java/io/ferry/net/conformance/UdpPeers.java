package io.ferry.net.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.net.DatagramHandler;
import io.ferry.net.DatagramSocket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;

/** The UDP tests' helpers: loopback in either family, a Ferry echo socket, a plain JDK client. */
final class UdpPeers {
    /** What a handler-style echo does: send each datagram back to its sender, ownership and all. */
    static final DatagramHandler ECHO = (socket, data, sender, truncated) -> socket.send(data, sender);

    static {
        // The JDK's datagram channels keep one socket open for good from their first use (the descriptor they
        // dup2 over a channel being closed): open one before any test counts descriptors.
        try (java.net.DatagramSocket warm = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            warm.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private UdpPeers() {
    }

    /** {@return this process's open descriptors, counted after the JDK's lasting one is open} */
    static long descriptors() throws IOException {
        return Descriptors.open();
    }

    /** The two loopback families the UDP tests run over. */
    enum Family {
        IPV4("127.0.0.1"),
        IPV6("::1");

        final String host;

        Family(String host) {
            this.host = host;
        }

        /** {@return this family's loopback with port 0}; aborts the test where IPv6 loopback is missing. */
        InetSocketAddress any() throws IOException {
            InetAddress a = InetAddress.getByName(host);
            if (this == IPV6) {
                try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress(a, 0))) {
                    probe.getLocalPort();
                } catch (IOException e) {
                    Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
                }
            }
            return new InetSocketAddress(a, 0);
        }
    }

    /** A blocking JDK client on {@code family}'s loopback that gives up a receive after 5 s. */
    static java.net.DatagramSocket client(Family family) throws IOException {
        java.net.DatagramSocket s = new java.net.DatagramSocket(family.any());
        s.setSoTimeout(5_000);
        s.setReceiveBufferSize(1 << 20);
        return s;
    }

    /** Sends {@code payload} to {@code to} and returns the datagram that comes back (5 s at most). */
    static DatagramPacket roundTrip(java.net.DatagramSocket client, byte[] payload, InetSocketAddress to)
        throws IOException {
        client.send(new DatagramPacket(payload, payload.length, to));
        DatagramPacket back = new DatagramPacket(new byte[65_536], 65_536);
        client.receive(back);
        return back;
    }

    /** {@return the payload of {@code p}} */
    static byte[] payload(DatagramPacket p) {
        return Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
    }

    /** Closes {@code socket} and waits (bounded) for its handler's close, so the loop is quiescent after. */
    static void closeAndSettle(DatagramSocket socket) {
        socket.close();
        BackendFixture.awaitTrue(() -> socket.loop().await(() -> !socket.isOpen()));
    }

    /** Asserts the descriptor count is back to {@code before} (allowing java.nio a selector turn). */
    static void assertDescriptorsBackTo(long before) throws IOException, InterruptedException {
        assertEquals(before, Descriptors.settleTo(before, 5_000), "open descriptors");
    }
}
