package io.ferry.bench.evidence;

import io.ferry.Ferry;
import io.ferry.FerryStats;
import io.ferry.bench.load.EchoLoadGenerator;
import io.ferry.bench.load.EchoLoadSpec;
import io.ferry.servers.echo.EchoHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An echo server of one variant in this process, with one loop, so its own counters
 * ({@link Ferry#stats()}) can be read around a load, and the load generator that drives it (plain
 * JDK NIO on one thread named {@link #LOAD_THREAD}, so thread accounting can tell it apart).
 *
 * <p>Threads: one thread drives it at a time.
 */
final class EchoTarget implements AutoCloseable {
    /** The load generator thread's name. */
    static final String LOAD_THREAD = "ev-load";
    /** Bytes per echo message. */
    static final int MESSAGE = 64;
    private final Ferry ferry;
    private final InetSocketAddress at;

    private EchoTarget(Ferry ferry, InetSocketAddress at) {
        this.ferry = ferry;
        this.at = at;
    }

    static EchoTarget start(Variant v) throws IOException {
        Ferry ferry = v.build();
        try {
            return new EchoTarget(ferry, (InetSocketAddress) ferry.listen(new InetSocketAddress("127.0.0.1", 0),
                c -> EchoHandler.INSTANCE).localAddress());
        } catch (IOException | RuntimeException e) {
            ferry.close();
            throw e;
        }
    }

    FerryStats stats() {
        return ferry.stats();
    }

    /** {@return the loop's thread id, or -1 when /proc does not show it} */
    long loopThreadId() throws IOException {
        String name = stats().loops().getFirst().loop();
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                if (Files.readString(t.resolve("comm")).strip().equals(comm)) {
                    return Long.parseLong(t.getFileName().toString());
                }
            }
        }
        return -1;
    }

    /** Starts the generator on its own thread; join it to wait for the end of its (bounded) run. */
    Thread startLoad(int connections, int depth, double warmupSeconds, double seconds) {
        EchoLoadSpec spec = EchoLoadSpec.of(connections, MESSAGE, depth, warmupSeconds, seconds);
        return Thread.ofPlatform().name(LOAD_THREAD).start(() -> {
            try {
                new EchoLoadGenerator(at, spec).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Runs the generator for {@code seconds} and waits for it. */
    void load(int connections, int depth, double seconds) throws InterruptedException {
        startLoad(connections, depth, 0, seconds).join();
    }

    @Override
    public void close() {
        ferry.close();
    }
}
