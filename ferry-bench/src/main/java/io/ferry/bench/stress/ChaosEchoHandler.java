package io.ferry.bench.stress;

import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.servers.echo.EchoHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The handler-style chaos server: reads the client's {@link ServerAct} preamble, then echoes, closes,
 * aborts, shuts down output, pauses, or releases buffers on another thread, as asked. It keeps the
 * echo contract under backpressure: reading pauses while the write queue is above its high watermark.
 */
final class ChaosEchoHandler implements Handler {
    private static final long PAUSE_MILLIS = 2;
    private final Executor elsewhere;
    private final byte[] preamble = new byte[ServerAct.PREAMBLE];
    private int preambleRead;
    private ServerAct act;
    private long remaining;
    private boolean outputShut;

    ChaosEchoHandler(Executor elsewhere) {
        this.elsewhere = elsewhere;
    }

    @Override
    public void onData(Connection connection, Buf data) {
        while (act == null && data.isReadable()) {
            preamble[preambleRead++] = data.readByte();
            if (preambleRead == ServerAct.PREAMBLE) {
                act = ServerAct.of(preamble[0]);
                remaining = ServerAct.count(preamble);
            }
        }
        if (act == null || !data.isReadable()) {
            data.release();
            return;
        }
        switch (act) {
            case ECHO -> echo(connection, data);
            case CLOSE_AFTER -> countDown(connection, data, false);
            case ABORT_AFTER -> abortAfter(connection, data);
            case SHUTDOWN_AFTER -> countDown(connection, data, true);
            case PAUSE_EACH -> pauseAfterEcho(connection, data);
            case RELEASE_ELSEWHERE -> copyAndReleaseElsewhere(connection, data);
            default -> throw new IllegalStateException(act.name());
        }
    }

    private static void echo(Connection connection, Buf data) {
        EchoHandler.INSTANCE.onData(connection, data); // the servers' echo: zero-copy, pauses for a slow reader
    }

    private void countDown(Connection connection, Buf data, boolean shutdown) {
        if (outputShut) {
            data.release();
            return;
        }
        int n = data.readableBytes();
        if (n < remaining) {
            remaining -= n;
            echo(connection, data);
            return;
        }
        connection.write(data.readSlice((int) remaining));
        data.release();
        remaining = 0;
        if (shutdown) {
            outputShut = true;
            connection.shutdownOutput();
        } else {
            connection.close();
        }
    }

    private void abortAfter(Connection connection, Buf data) {
        remaining -= data.readableBytes();
        data.release();
        if (remaining <= 0) {
            connection.abort();
        }
    }

    private void pauseAfterEcho(Connection connection, Buf data) {
        connection.writeAndFlush(data);
        connection.pauseReading();
        connection.loop().schedule(() -> {
            if (connection.isOpen() && connection.isWritable()) {
                connection.resumeReading();
            }
        }, PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void copyAndReleaseElsewhere(Connection connection, Buf data) {
        byte[] copy = new byte[data.readableBytes()];
        data.readBytes(copy, 0, copy.length);
        elsewhere.execute(data::release);
        connection.writer().write(copy);
        connection.flush();
        if (!connection.isWritable()) {
            connection.pauseReading();
        }
    }

    @Override
    public void onWritable(Connection connection) {
        connection.resumeReading();
    }

    @Override
    public void onInputClosed(Connection connection) {
        connection.close();
    }
}
