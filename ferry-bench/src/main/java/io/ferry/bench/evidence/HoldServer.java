package io.ferry.bench.evidence;

import io.ferry.Ferry;
import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;

/**
 * The server of the memory measurement, run in its own process: {@code HoldServer VARIANT pause|hold}.
 * Each connection's first bytes are echoed (so the client knows it is set up); later bytes are data
 * the application has not consumed, and where they wait is what the measurement shows. With
 * {@code pause} the handler then pauses reading (an application applying backpressure: the bytes
 * can stay in the kernel's receive queue); with {@code hold} it keeps reading but holds every buffer
 * it is given without looking at it (an application that has not got round to the data yet: the
 * backend has already moved it into user space). Held buffers are released when the connection
 * closes. Prints {@code listening on HOST:PORT backend=NAME} and runs until SIGTERM.
 */
public final class HoldServer implements Handler {
    /** Null until the first bytes were echoed; then what arrived after them. */
    private ArrayDeque<Buf> held;

    private final boolean pause;

    private HoldServer(boolean pause) {
        this.pause = pause;
    }

    /**
     * Starts the server.
     *
     * @param args the variant's name, then {@code pause} or {@code hold}
     * @throws Exception when it cannot listen
     */
    public static void main(String[] args) throws Exception {
        Variant variant = Variant.byName(args[0]);
        boolean pause = switch (args[1]) {
            case "pause" -> true;
            case "hold" -> false;
            default -> throw new IllegalArgumentException("pause or hold, not " + args[1]);
        };
        Ferry ferry = variant.build();
        InetSocketAddress at = (InetSocketAddress) ferry.listen(new InetSocketAddress("127.0.0.1", 0),
            c -> new HoldServer(pause)).localAddress();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ferry.close();
            stopped.countDown();
        }, "hold-shutdown"));
        System.out.println("listening on " + at.getHostString() + ":" + at.getPort() + " backend=" + variant.name());
        stopped.await();
    }

    @Override
    public void onData(Connection connection, Buf data) {
        if (held != null) {
            held.add(data); // not consumed: kept until the connection closes
            return;
        }
        held = new ArrayDeque<>(1);
        connection.writeAndFlush(data);
        if (pause) {
            connection.pauseReading();
        }
    }

    @Override
    public void onClose(Connection connection, Throwable cause) {
        if (held != null) {
            held.forEach(Buf::release);
        }
    }
}
