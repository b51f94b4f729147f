package io.ferry.servers.echo;

import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;

/**
 * Sends every received buffer straight back: ownership of the kernel-filled {@link Buf} moves into
 * the write queue, so nothing is copied or allocated per message. Reading pauses while the peer
 * does not read its echoes (write queue above the high watermark) and resumes when it drains.
 */
public final class EchoHandler implements Handler {
    /** Stateless: one instance serves every connection. */
    public static final EchoHandler INSTANCE = new EchoHandler();

    private EchoHandler() {
    }

    @Override
    public void onData(Connection connection, Buf data) {
        connection.writeAndFlush(data);
        if (!connection.isWritable()) {
            connection.pauseReading();
        }
    }

    @Override
    public void onWritable(Connection connection) {
        connection.resumeReading();
    }
}
