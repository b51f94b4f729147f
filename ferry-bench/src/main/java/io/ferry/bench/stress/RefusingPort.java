package io.ferry.bench.stress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback address that refuses connections for as long as this is open. A port found free and
 * then released is no such thing: a listener of a concurrent move may be given it, and a connect
 * meant to be refused then succeeds. So the port stays held by a TCP socket that is bound but never
 * listens: Linux answers a SYN to it with a reset (ECONNREFUSED), and without SO_REUSEADDR no other
 * socket can bind the port, nor pick it as an ephemeral port, until this closes.
 */
final class RefusingPort implements AutoCloseable {
    private final Socket holder;
    private final InetSocketAddress address;

    private RefusingPort(Socket holder) {
        this.holder = holder;
        this.address = (InetSocketAddress) holder.getLocalSocketAddress();
    }

    /** Binds a fresh loopback port and holds it. */
    static RefusingPort open() throws IOException {
        Socket holder = new Socket();
        try {
            holder.setReuseAddress(false);
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new RefusingPort(holder);
        } catch (IOException e) {
            holder.close();
            throw e;
        }
    }

    /** {@return the address connects to which are refused} */
    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws IOException {
        holder.close();
    }
}
