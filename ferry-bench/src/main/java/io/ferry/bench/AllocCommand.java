package io.ferry.bench;

import com.sun.management.ThreadMXBean;
import io.ferry.Ferry;
import io.ferry.Backends;
import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;
import io.ferry.bench.load.EchoLoadGenerator;
import io.ferry.bench.load.EchoLoadSpec;
import io.ferry.bench.suite.Measurement;
import io.ferry.bench.suite.WrkWorkload;
import io.ferry.loop.EventLoop;
import io.ferry.cli.SelfSignedCertificate;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.tls.Tls;
import io.ferry.net.tls.TlsConfig;
import io.ferry.net.tls.TlsProvider;
import io.ferry.servers.echo.BlockingEcho;
import io.ferry.servers.echo.EchoHandler;
import io.ferry.servers.http.BlockingHttp;
import io.ferry.servers.http.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry bench alloc}: bytes the event-loop thread allocates per echoed message (or, with
 * {@code --app http}, per {@code GET /plaintext} answered to {@code wrk -c64}), on each backend and in
 * both styles (handler, and blocking on virtual threads), read from the JVM's
 * per-thread allocation counter ({@code ThreadMXBean.getThreadAllocatedBytes}) around a measured
 * window of echo load. The server runs in this JVM on one loop; the load generator runs on this
 * thread. The blocking style's virtual threads are carried by the loop thread, so their allocations
 * (continuation stacks included) count there too; without loop carriers the row says it cannot be
 * measured this way. For the same reason the loop thread's CPU time per message
 * ({@code getThreadCpuTime}) is all the server's work in both styles, a cost figure that noise from
 * other processes on the machine disturbs far less than throughput. With {@code --tls} each row is measured once
 * per TLS provider (the JDK's and, when the system has OpenSSL 3, OpenSSL's), side by side, unless
 * {@code --tls-provider} names one.
 */
@Command(name = "alloc", mixinStandardHelpOptions = true,
    description = "Heap bytes and CPU of the loop thread per echoed message (or HTTP request), per backend and style.")
public final class AllocCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per backend.")
    private double seconds;

    @Option(names = "--connections", defaultValue = "16", description = "Concurrent connections.")
    private int connections;

    @Option(names = "--size", defaultValue = "64", description = "Message size in bytes.")
    private int size;

    @Option(names = "--app", defaultValue = "echo",
        description = "echo (Ferry's load generator) or http (GET /plaintext through wrk -c64; needs wrk).")
    private String app;

    @Option(names = "--tls", description = "http only: serve over TLS 1.3 (a self-signed certificate) and load "
        + "with wrk over https.")
    private boolean tls;

    @Option(names = "--tls-provider", paramLabel = "NAME", description = "With --tls: jdk or openssl; without it, "
        + "both (OpenSSL when the system has OpenSSL 3).")
    private String tlsProvider;

    private final List<TlsConfig> tlsConfigs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        if (!app.equals("echo") && !app.equals("http")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "unknown app '" + app + "': choose echo or http");
        }
        if (tls && !app.equals("http")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--tls needs --app http");
        }
        if (tlsProvider != null && !tls) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--tls-provider needs --tls");
        }
        if (tls) {
            SelfSignedCertificate cert = SelfSignedCertificate.create();
            TlsConfig base = TlsConfig.server(cert.cert(), cert.key());
            for (TlsProvider p : TlsProvider.values()) {
                if (tlsProvider != null && !p.name().equals(tlsProvider.toUpperCase(Locale.ROOT))) {
                    continue;
                }
                if (p.unavailableReason() != null) {
                    System.out.println("TLS provider " + p + " skipped: " + p.unavailableReason());
                    continue;
                }
                tlsConfigs.add(base.provider(p));
            }
            if (tlsConfigs.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--tls-provider " + tlsProvider + ": choose jdk or openssl");
            }
        } else {
            tlsConfigs.add(null);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        String unit = app.equals("echo") ? "message" : "request";
        System.out.println("| backend | style" + (tls ? " | TLS" : "") + " | " + unit + "s"
            + " | loop-thread bytes allocated | bytes per " + unit + " | loop-thread CPU ns per " + unit + " |");
        System.out.println("|---|---" + (tls ? "|---" : "") + "|---:|---:|---:|---:|");
        for (BackendKind kind : BackendKind.concrete()) {
            Availability a = Backends.availability(kind);
            if (!a.available()) {
                System.out.println("| " + kind.label() + " | | skipped: " + a.reason() + " | | |");
                continue;
            }
            for (TlsConfig t : tlsConfigs) {
                measure(threads, kind, false, t);
            }
            if (Ferry.carriesVirtualThreads()) {
                for (TlsConfig t : tlsConfigs) {
                    measure(threads, kind, true, t);
                }
            } else {
                System.out.println("| " + kind.label() + " | blocking | not measured: "
                    + Ferry.virtualThreadCarrierUnavailableReason() + " | | |");
            }
        }
        return 0;
    }

    private void measure(ThreadMXBean threads, BackendKind b, boolean blocking, TlsConfig tlsConfig)
        throws IOException {
        try (Ferry ferry = Ferry.builder().backend(b).loops(1).build()) {
            InetSocketAddress address = listen(ferry, blocking, tlsConfig);
            EventLoop loop = ferry.loops().get(0);
            long tid = loop.await(() -> Thread.currentThread().threadId());
            drive(address, 2); // warm-up: JIT, pool slabs, queues grow to their steady size
            long before = threads.getThreadAllocatedBytes(tid);
            long cpuBefore = threads.getThreadCpuTime(tid);
            long messages = drive(address, seconds);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            long cpu = threads.getThreadCpuTime(tid) - cpuBefore;
            double n = Math.max(1, messages);
            System.out.printf("| %s | %s%s | %,d | %,d | %.4f | %.0f |%n", b.label(),
                blocking ? "blocking" : "handler", tlsConfig == null ? "" : " | " + tlsConfig.provider(), messages,
                allocated, allocated / n, cpu / n);
        }
    }

    private InetSocketAddress listen(Ferry ferry, boolean blocking, TlsConfig tlsConfig) throws IOException {
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        if (app.equals("echo")) {
            return (InetSocketAddress) (blocking ? FerryServer.bind(ferry, any, BlockingEcho.INSTANCE).localAddress()
                : ferry.listen(any, c -> EchoHandler.INSTANCE).localAddress());
        }
        if (tlsConfig != null) {
            return (InetSocketAddress) (blocking
                ? FerryServer.bind(ferry, any, ferry.socketOptions(), tlsConfig, BlockingHttp.create(null))
                    .localAddress()
                : ferry.listen(any, Tls.server(tlsConfig, HttpServer.create(null))).localAddress());
        }
        return (InetSocketAddress) (blocking ? FerryServer.bind(ferry, any, BlockingHttp.create(null)).localAddress()
            : ferry.listen(any, HttpServer.create(null)).localAddress());
    }

    /**
     * Drives the server for {@code secs} and returns the messages (requests) answered. wrk reports a
     * rate over its whole-second duration, so for http the count is that rate times the duration.
     */
    private long drive(InetSocketAddress address, double secs) throws IOException {
        if (app.equals("echo")) {
            return new EchoLoadGenerator(address, EchoLoadSpec.of(connections, size, 4, 0, secs)).run().messages();
        }
        long wholeSeconds = Math.max(1, Math.round(secs));
        Measurement m = new WrkWorkload("http-plaintext", "/plaintext", 64, 1, tls ? "https" : "http")
            .run(address, wholeSeconds);
        return Math.round(m.requestsPerSecond() * wholeSeconds);
    }
}
