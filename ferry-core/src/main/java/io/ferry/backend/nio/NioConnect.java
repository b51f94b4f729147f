package io.ferry.backend.nio;

import io.ferry.connection.SocketConnection;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.SocketOptions;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CompletableFuture;

/**
 * An outgoing connect under way: the socket's key carries this until the channel is connected, then the
 * socket itself. Kept apart from {@link NioSocket} so that the many accepted sockets do not each carry a
 * handler and a future they never use. Loop thread only.
 */
final class NioConnect implements NioDriver.NioChannel {
    private final NioSocket socket;
    private final SocketOptions options;
    private final Handler handler;
    private final CompletableFuture<Connection> result;
    /** The connect succeeded or failed: what is left to abort is the connection, if any. */
    private boolean done;

    private NioConnect(NioSocket socket, SocketOptions options, Handler handler,
                       CompletableFuture<Connection> result) {
        this.socket = socket;
        this.options = options;
        this.handler = handler;
        this.result = result;
    }

    /** Waits for the channel to become connectable (or finishes at once when it already connected). */
    static NioConnect start(NioSocket socket, SocketOptions options, Handler handler,
                            CompletableFuture<Connection> result, boolean connected) {
        NioConnect connect = new NioConnect(socket, options, handler, result);
        socket.key().attach(connect);
        socket.key().interestOps(SelectionKey.OP_CONNECT);
        if (connected) {
            connect.finish();
        }
        return connect;
    }

    @Override
    public void ready(SelectionKey key) {
        finish();
    }

    private void finish() {
        try {
            if (!socket.channel().finishConnect()) {
                return;
            }
        } catch (IOException e) {
            done = true;
            socket.discard();
            result.completeExceptionally(e);
            return;
        }
        done = true;
        socket.connected();
        result.complete(SocketConnection.open(socket.driver().loop(), socket, options, ignored -> handler));
    }

    @Override
    public void abort() {
        if (done) {
            socket.abort(); // connected (the caller gave up on it) or already discarded
            return;
        }
        done = true;
        socket.discard();
        result.completeExceptionally(new IOException("loop closed while connecting"));
    }
}
