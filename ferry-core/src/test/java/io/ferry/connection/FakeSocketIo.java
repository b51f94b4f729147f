package io.ferry.connection;

import io.ferry.spi.SocketEvents;
import io.ferry.spi.SocketIo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SocketIo} that does no I/O: it records what {@link SocketConnection} asks of it, in order, so a
 * test can check the connection's state machine and then play the backend's part through the
 * connection's {@code on*} methods. Loop thread only, like the real ones.
 */
final class FakeSocketIo implements SocketIo {
    /** What the connection asked for, in order: "bind", "resume", "pause", "flush", "shutdown", "close", "reset". */
    final List<String> calls = new ArrayList<>();
    SocketConnection connection;

    @Override
    public void bind(SocketEvents c) {
        // the connection core is the only thing that binds a SocketIo

        connection = (SocketConnection) c;
        calls.add("bind");
    }

    @Override
    public void resumeReading() {
        calls.add("resume");
    }

    @Override
    public void pauseReading() {
        calls.add("pause");
    }

    @Override
    public void flush() {
        calls.add("flush");
    }

    @Override
    public void shutdownOutput() {
        calls.add("shutdown");
    }

    @Override
    public void close(boolean reset) {
        calls.add(reset ? "reset" : "close");
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 2);
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public io.ferry.net.PeerCredentials peerCredentials() {
        return null;
    }

    /** Plays a backend that sent everything queued in one write. */
    void sendAll() {
        connection.onWritten(connection.outbound().pendingBytes());
    }
}
