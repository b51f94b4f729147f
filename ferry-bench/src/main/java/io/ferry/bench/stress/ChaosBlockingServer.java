package io.ferry.bench.stress;

import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerrySocket;
import io.ferry.net.blocking.SocketHandler;
import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The straight-line chaos server: the same {@link ServerAct} protocol as {@link ChaosEchoHandler}, on a
 * virtual thread per connection (carried by the loop where the JDK allows), so buffers are released
 * from carried threads and, for {@link ServerAct#RELEASE_ELSEWHERE}, from platform threads. It counts
 * the handler threads alive, so a run can tell that none was left parked.
 */
final class ChaosBlockingServer implements SocketHandler {
    private final Executor elsewhere;
    private final AtomicInteger alive = new AtomicInteger();

    ChaosBlockingServer(Executor elsewhere) {
        this.elsewhere = elsewhere;
    }

    /** Handler threads that have started and not yet returned. */
    int alive() {
        return alive.get();
    }

    @Override
    public void serve(FerrySocket socket) throws IOException {
        alive.incrementAndGet();
        try {
            byte[] preamble = new byte[ServerAct.PREAMBLE];
            readFully(socket, preamble);
            ServerAct act = ServerAct.of(preamble[0]);
            long count = ServerAct.count(preamble);
            switch (act) {
                case ECHO, PAUSE_EACH, RELEASE_ELSEWHERE -> echo(socket, act);
                case CLOSE_AFTER -> echoCount(socket, count);
                case ABORT_AFTER -> abortAfter(socket, count);
                case SHUTDOWN_AFTER -> {
                    echoCount(socket, count);
                    socket.shutdownOutput();
                    drain(socket);
                }
                default -> throw new IllegalStateException(act.name());
            }
        } finally {
            alive.decrementAndGet();
        }
    }

    private void echo(FerrySocket socket, ServerAct act) throws IOException {
        for (Buf b; (b = socket.read()) != null; ) {
            if (act == ServerAct.RELEASE_ELSEWHERE) {
                byte[] copy = new byte[b.readableBytes()];
                b.readBytes(copy, 0, copy.length);
                Buf received = b;
                elsewhere.execute(received::release);
                socket.write(copy, 0, copy.length);
            } else {
                socket.write(b);
            }
            socket.flush();
            if (act == ServerAct.PAUSE_EACH) {
                Thread.yield();
            }
        }
    }

    private static void echoCount(FerrySocket socket, long count) throws IOException {
        if (!take(socket, count, true)) {
            throw new EOFException("peer ended before " + count + " bytes");
        }
        socket.flush();
    }

    private static void abortAfter(FerrySocket socket, long count) throws IOException {
        if (take(socket, count, false)) {
            socket.abort();
        }
    }

    /** Reads {@code count} bytes, writing each back when {@code echo}; false when the peer ended first. */
    private static boolean take(FerrySocket socket, long count, boolean echo) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        for (long left = count; left > 0; ) {
            int n = socket.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                return false;
            }
            if (echo) {
                socket.write(chunk, 0, n);
            }
            left -= n;
        }
        return true;
    }

    private static void drain(FerrySocket socket) throws IOException {
        for (Buf b; (b = socket.read()) != null; ) {
            b.release();
        }
    }

    private static void readFully(FerrySocket socket, byte[] into) throws IOException {
        for (int at = 0; at < into.length; ) {
            int n = socket.read(into, at, into.length - at);
            if (n < 0) {
                throw new EOFException("peer ended inside the preamble");
            }
            at += n;
        }
    }
}
