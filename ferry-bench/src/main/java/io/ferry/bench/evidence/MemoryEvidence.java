package io.ferry.bench.evidence;

import io.ferry.bench.harness.Contender;
import io.ferry.bench.harness.Cpus;
import io.ferry.bench.harness.HeapProbe;
import io.ferry.bench.harness.IdleClients;
import io.ferry.bench.harness.ServerProcess;
import io.ferry.bench.suite.Tools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Claims 1 and 3: memory per connection in user space and in the kernel. For each variant and each
 * {@link HoldServer} handler (pauses reading, or holds what it is given) a server runs in its own
 * process (with {@link HeapProbe#JVM_FLAGS}); after a warm-up we
 * read its RSS and live heap and the kernel memory of its sockets ({@code ss -tmn}), open N
 * connections that each did one 1-byte echo (idle), read again, send {@link #UNREAD_BYTES} to each
 * connection, which the server does not consume (unread), and read a third time. Each figure is the
 * difference from the baseline divided by N. User space is delta anonymous RSS plus delta live heap,
 * as in {@code ferry bench idle} (the heap is pre-touched, so heap growth does not show in RSS); only
 * the anonymous part, since the resident pages of mapped files move with the machine's page cache.
 */
final class MemoryEvidence {
    static final int UNREAD_BYTES = 4096;
    /** The {@link HoldServer} handlers, in table order. */
    static final List<String> HANDLERS = List.of("pause", "hold");
    private static final long PAGE = 4096;

    /**
     * Memory per connection at one stage.
     *
     * @param userBytes    delta anonymous RSS plus delta live heap, per connection
     * @param heapBytes    delta live heap alone, per connection
     * @param kernelBytes  delta of the server sockets' charged kernel memory (skmem r + w + f + o), per connection
     * @param queuedBytes  delta of bytes in the server sockets' receive queues, per connection
     * @param machineBytes delta of {@code /proc/net/sockstat} TCP memory of the whole machine, per connection
     * @param slabBytes    delta of the machine's {@code io_kiocb} and {@code eventpoll_epi} slab bytes, per connection
     */
    record Stage(double userBytes, double heapBytes, double kernelBytes, double queuedBytes, double machineBytes,
                 double slabBytes) {
        /** {@return user space, socket memory and the model's bookkeeping together} */
        double total() {
            return userBytes + kernelBytes + (Double.isNaN(slabBytes) ? 0 : slabBytes);
        }
    }

    /**
     * One variant's figures.
     *
     * @param variant     its name
     * @param handler     {@code pause} or {@code hold} (see {@link HoldServer})
     * @param connections N
     * @param idle        after the connections were set up
     * @param unread      after {@link #UNREAD_BYTES} more arrived on each and were not consumed
     */
    record Row(String variant, String handler, int connections, Stage idle, Stage unread) {
    }

    private MemoryEvidence() {
    }

    static List<Row> run(List<Variant> variants, int connections, Consumer<String> progress) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String handler : HANDLERS) {
            for (Variant v : variants) {
                progress.accept("memory: " + v.name() + ", handler that " + handler + "s, " + connections
                    + " connections");
                try {
                    rows.add(measure(v, handler, connections));
                } catch (IOException | RuntimeException e) {
                    progress.accept("memory: " + v.name() + " failed: " + e.getMessage());
                }
            }
        }
        return rows;
    }

    private static Row measure(Variant v, String handler, int n) throws IOException {
        Contender c = Contender.java("hold-" + v.name(), Cpus.serverCpus(), HoldServer.class.getName(), v.name(),
                handler)
            .withJvmFlags(HeapProbe.JVM_FLAGS);
        try (ServerProcess server = ServerProcess.start(c.command(), 30)) {
            InetSocketAddress at = new InetSocketAddress(server.host(), server.port());
            IdleClients.warmUp(at);
            Snapshot.take(server); // the first full GC after the warm-up also returns memory RSS still counted
            Snapshot base = Snapshot.take(server);
            try (IdleClients clients = IdleClients.open(at, n)) {
                settle();
                Stage idle = Snapshot.take(server).minus(base, n);
                clients.sendToEach(new byte[UNREAD_BYTES]);
                settle();
                Stage unread = Snapshot.take(server).minus(base, n);
                return new Row(v.name(), handler, n, idle, unread);
            }
        }
    }

    private static void settle() {
        try {
            TimeUnit.MILLISECONDS.sleep(700);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Absolute figures at one moment. */
    private record Snapshot(long rss, long heap, SocketMemory.Sum sockets, long machinePages, long slab) {
        static Snapshot take(ServerProcess server) throws IOException {
            long heap = HeapProbe.liveHeap(server.pid());
            String ss = Tools.run(List.of("ss", "-tmnH", "state", "established", "sport", "=", ":" + server.port()),
                30);
            long pages = SocketMemory.parseSockstatPages(Files.readString(Path.of("/proc/net/sockstat")));
            long slab = -1;
            try {
                slab = SocketMemory.parseSlabBytes(Files.readString(Path.of("/proc/slabinfo")),
                    SocketMemory.MODEL_SLABS);
            } catch (IOException notRoot) {
                // readable by root only: the column stays n/a
            }
            return new Snapshot(server.anonRssBytes(), heap, SocketMemory.parseSs(ss), pages, slab);
        }

        Stage minus(Snapshot base, int n) {
            double heapDelta = heap - base.heap;
            return new Stage((rss - base.rss + heapDelta) / n, heapDelta / n,
                (sockets.charged() - base.sockets.charged()) / (double) n,
                (sockets.receiveQueue() - base.sockets.receiveQueue()) / (double) n,
                machinePages < 0 ? Double.NaN : (machinePages - base.machinePages) * PAGE / (double) n,
                slab < 0 || base.slab < 0 ? Double.NaN : (slab - base.slab) / (double) n);
        }
    }
}
