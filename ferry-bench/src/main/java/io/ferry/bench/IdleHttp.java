package io.ferry.bench;

import io.ferry.bench.harness.CServers;
import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.Cpus;
import io.ferry.bench.harness.HeapProbe;
import io.ferry.bench.harness.IdleClients;
import io.ferry.bench.harness.ServerProcess;
import io.ferry.bench.rate.HttpProtocol;
import io.ferry.bench.rate.Protocol;
import io.ferry.bench.suite.Tools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ferry bench idle --app http}: memory per idle HTTP connection, connected only and after one request,
 * for Ferry's backends, Netty's transports and nginx, in the same run (see {@link IdleCommand}).
 */
final class IdleHttp {
    private static final int WARM_UP_ROUNDS = 5;
    private static final int MAX_WARM_UP_CONNECTIONS = 2000;
    private static final HttpProtocol PLAINTEXT = new HttpProtocol("127.0.0.1", "/plaintext");
    /** The JVM servers' flags: {@link HeapProbe#JVM_FLAGS}, and native memory tracking for the native column. */
    static final List<String> JVM = Stream.concat(HeapProbe.JVM_FLAGS.stream(),
        Stream.of(HeapProbe.NATIVE_TRACKING)).toList();
    private final int connections;

    IdleHttp(int connections) {
        this.connections = connections;
    }

    /**
     * nginx, able to hold the measured connections and the warm-up's last round (it may not have seen all of
     * that round's closes yet); null when nginx is missing.
     */
    static Contender nginx(int connections) throws IOException {
        return CServers.nginx(Tools.find("nginx"), Cpus.serverCpus(), connections + MAX_WARM_UP_CONNECTIONS + 100);
    }

    int call(List<Contender> contenders) throws IOException, InterruptedException {
        int warmUp = warmUpConnections();
        System.out.printf("%,d idle HTTP connections per server, after %d warm-up rounds of %,d; JVM %s%n%n",
            connections, WARM_UP_ROUNDS, warmUp, JVM);
        System.out.println("| server | connected only, bytes per connection | of which native | after one request each "
            + "| of which native |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Contender c : contenders) {
            measure(c, warmUp);
        }
        return 0;
    }

    private int warmUpConnections() {
        return Math.max(1, Math.min(MAX_WARM_UP_CONNECTIONS, connections / WARM_UP_ROUNDS));
    }

    private void measure(Contender c, int warmUp) throws InterruptedException {
        boolean jvm = !c.name().equals("nginx");
        Protocol.ResponseCounter responses = PLAINTEXT.newCounter();
        IdleClients.Answer answer = in -> responses.consume(in) > 0;
        try (ServerProcess server = c.start()) {
            InetSocketAddress at = new InetSocketAddress(server.host(), server.port());
            IdleClients.warmUp(at, WARM_UP_ROUNDS, warmUp, PLAINTEXT.request(), answer);
            Memory before = userMemory(server, jvm);
            try (IdleClients open = IdleClients.connect(at, connections)) {
                TimeUnit.MILLISECONDS.sleep(500);
                Memory connected = userMemory(server, jvm);
                open.requestEach(PLAINTEXT.request(), answer);
                TimeUnit.MILLISECONDS.sleep(500);
                Memory requested = userMemory(server, jvm);
                System.out.printf("| %s | %,.0f | %,.0f | %,.0f | %,.0f |%n", c.name(),
                    perConnection(connected.total() - before.total()), perConnection(connected.nativeBytes()
                        - before.nativeBytes()), perConnection(requested.total() - before.total()),
                    perConnection(requested.nativeBytes() - before.nativeBytes()));
            }
        } catch (IOException e) {
            System.out.println("| " + c.name() + " | failed: " + e.getMessage() + " | | | |");
        }
    }

    private double perConnection(long bytes) {
        double each = bytes / (double) connections;
        return Math.abs(each) < 0.5 ? 0 : each; // no "-0" for a few bytes of noise
    }

    /** A server's memory: the heap (0 for a C server) and the native rest. */
    private record Memory(long heap, long nativeBytes) {
        long total() {
            return heap + nativeBytes;
        }
    }

    /**
     * A JVM's live heap after a full GC plus the native memory it tracks for data ({@link HeapProbe#nativeBytes}):
     * its resident set also moves by megabytes with the JIT's arenas, which would swamp a few hundred bytes per
     * connection. A C server's anonymous resident memory, all its processes together.
     */
    private static Memory userMemory(ServerProcess server, boolean jvm) throws IOException {
        if (jvm) {
            return new Memory(HeapProbe.liveHeap(server.pid()), HeapProbe.nativeBytes(server.pid()));
        }
        long rss = server.treeAnonRssBytes();
        if (rss < 0) {
            throw new IOException("could not read the server's RssAnon");
        }
        return new Memory(0, rss);
    }
}
