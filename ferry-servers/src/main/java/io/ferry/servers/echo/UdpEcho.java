package io.ferry.servers.echo;

import io.ferry.Ferry;
import io.ferry.buffer.Buf;
import io.ferry.net.DatagramAddress;
import io.ferry.net.DatagramHandler;
import io.ferry.net.DatagramSocket;
import io.ferry.net.blocking.FerryDatagramSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * A UDP echo server: every datagram goes back to its sender, whole. Two styles over the same loops: a
 * {@link DatagramHandler} that hands the received {@link Buf} straight to the send queue (nothing copied or
 * allocated per datagram), or a virtual thread parked in {@link FerryDatagramSocket#receive()}.
 *
 * <p>Datagrams the send queue cannot take are dropped, as UDP may drop them anywhere on the way.
 */
public final class UdpEcho implements DatagramHandler {
    /** Stateless: one instance serves every socket. */
    public static final UdpEcho INSTANCE = new UdpEcho();

    private UdpEcho() {
    }

    @Override
    public void onDatagram(DatagramSocket socket, Buf data, DatagramAddress sender, boolean truncated) {
        socket.send(data, sender);
    }

    /**
     * Binds a UDP echo on {@code ferry}'s next loop; it runs until {@code ferry} closes.
     *
     * @param ferry the runtime
     * @param address where to bind (IPv4 or IPv6; port 0 picks a free one)
     * @param blocking true for a virtual thread parked in {@code receive()}, false for the loop handler
     * @return the bound address
     * @throws IOException when the address cannot be bound; the message names it
     */
    public static InetSocketAddress start(Ferry ferry, InetSocketAddress address, boolean blocking)
        throws IOException {
        if (!blocking) {
            return ferry.openDatagram(address, INSTANCE).localAddress();
        }
        FerryDatagramSocket socket = FerryDatagramSocket.open(ferry, address);
        ferry.loops().next().virtualThreads().newThread(() -> echo(socket)).start();
        return socket.localAddress();
    }

    /** The blocking echo: until the socket closes with the runtime. */
    private static void echo(FerryDatagramSocket socket) {
        try {
            for (FerryDatagramSocket.Datagram d; (d = socket.receive()) != null; ) {
                socket.send(d.data(), d.sender());
            }
        } catch (IOException e) {
            if (socket.isOpen()) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
