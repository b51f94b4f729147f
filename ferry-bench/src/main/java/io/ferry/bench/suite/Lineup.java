package io.ferry.bench.suite;

import io.ferry.Backends;
import io.ferry.backend.BackendKind;
import io.ferry.bench.harness.CServers;
import io.ferry.bench.harness.Contender;
import io.ferry.cli.SelfSignedCertificate;
import io.ferry.net.tls.TlsProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who runs and what they run: the standard workloads and, per server kind, the contenders. Ferry
 * runs on each backend that works here (and, for echo and http, in blocking style on virtual threads
 * on the best one, carried by its loop and, for comparison, by the JDK's carrier pool); the plain
 * JDK with a virtual thread per connection; Netty on each of its transports; nginx and redis-server
 * as C references. Over HTTPS: Ferry's backends, Netty with the JDK's TLS and with BoringSSL, nginx.
 * Anything that cannot run here is said, not silently dropped.
 */
public final class Lineup {
    private Lineup() {
    }

    /** The workloads; {@code quick} shrinks request counts for a short run. */
    public static List<Workload> workloads(boolean quick) {
        int p1 = quick ? 50_000 : 200_000;
        int p16 = quick ? 1_000_000 : 2_000_000;
        List<Workload> w = new ArrayList<>();
        w.add(new EchoWorkload("echo-64B", 64, 64, 1));
        w.add(new EchoWorkload("echo-64B-x16", 64, 64, 16));
        w.add(new WrkWorkload("http-plaintext", "/plaintext", 64, 1));
        w.add(new WrkWorkload("http-pipelined-16", "/plaintext", 64, 16));
        w.add(new WrkWorkload("https-plaintext", "/plaintext", 64, 1, "https"));
        w.add(new WrkWorkload("https-pipelined", "/plaintext", 64, 16, "https"));
        w.add(WrkWorkload.newConnectionEach("https-handshakes", "/plaintext", 64, "https"));
        for (String t : List.of("ping", "set", "get")) {
            w.add(new RedisBenchmarkWorkload("resp-" + t + "-P1", t, 50, 1, p1));
            w.add(new RedisBenchmarkWorkload("resp-" + t + "-P16", t, 50, 16, p16));
        }
        return w;
    }

    /** Contenders per server kind (echo, http, https, resp), servers pinned to {@code cpus}. */
    public static Map<String, List<Contender>> servers(String cpus, PrintStream notes) throws IOException {
        List<String> ferry = new ArrayList<>();
        for (BackendKind kind : BackendKind.concrete()) {
            if (Backends.availability(kind).available()) {
                ferry.add(kind.label());
            } else {
                notes.println("ferry-" + kind.label() + " cannot run here: " + Backends.availability(kind).reason());
            }
        }
        Map<String, List<Contender>> byApp = new LinkedHashMap<>();
        for (String app : List.of("echo", "http", "resp")) {
            List<Contender> list = new ArrayList<>();
            ferry.forEach(b -> list.add(Contender.ferry(app, b, cpus, 1)));
            if (!app.equals("resp") && !ferry.isEmpty()) {
                list.add(Contender.ferryBlocking(app, ferry.getFirst(), cpus, 1)); // virtual-thread style
                list.add(Contender.ferryBlockingOnJdkCarriers(app, ferry.getFirst(), cpus, 1));
            }
            if (!app.equals("resp")) {
                list.add(Contender.jdkVirtualThreads(app, cpus));
                List.of("io_uring", "epoll", "nio").forEach(t -> list.add(Contender.netty(app, t, cpus, 1)));
            }
            byApp.put(app, list);
        }
        byApp.put("https", https(ferry, cpus));
        Contender nginx = CServers.nginx(Tools.find("nginx"), cpus);
        Contender redis = CServers.redis(Tools.find("redis-server"), cpus);
        if (nginx == null) {
            notes.println("nginx is not installed (apt-get install nginx-light): no C reference for http");
        }
        if (redis == null) {
            notes.println("redis-server is not installed (apt-get install redis-server): no C reference for resp");
        }
        byApp.get("http").add(nginx);
        byApp.get("resp").add(redis);
        byApp.values().forEach(l -> l.removeIf(Objects::isNull));
        return byApp;
    }

    /**
     * The HTTPS contenders, all with one self-signed certificate (EC P-256) made here, TLS 1.3 and
     * TLS_AES_128_GCM_SHA256 only: Ferry's backends on the JDK's provider and (when the system has OpenSSL 3) on
     * OpenSSL, Netty on epoll with {@code SslHandler} on the JDK's provider and on BoringSSL, nginx.
     */
    private static List<Contender> https(List<String> ferry, String cpus) throws IOException {
        SelfSignedCertificate made;
        try {
            made = SelfSignedCertificate.create();
        } catch (GeneralSecurityException e) {
            throw new IOException("the HTTPS contenders' certificate: " + e.getMessage(), e);
        }
        made.cert().getParent().toFile().deleteOnExit(); // registered first: deleted last, once empty
        made.cert().toFile().deleteOnExit();
        made.key().toFile().deleteOnExit();
        List<Contender> list = new ArrayList<>();
        ferry.forEach(b -> list.add(Contender.ferry("http", b, cpus, 1).withTls(made.cert(), made.key())));
        if (TlsProvider.OPENSSL.unavailableReason() == null) {
            Path conf = openSslConf(made.cert().getParent());
            ferry.forEach(b -> list.add(Contender.ferry("http", b, cpus, 1).withTls(made.cert(), made.key())
                .withOpenSsl(conf)));
        }
        List.of("jdk", "boringssl").forEach(p -> list.add(Contender.nettyTls("http", "epoll", p, cpus, made.cert(),
            made.key())));
        list.add(CServers.nginxTls(Tools.find("nginx"), cpus, made.cert(), made.key()));
        return list;
    }

    /** An OpenSSL configuration in {@code dir} holding TLS 1.3 to {@link Contender#TLS_CIPHER}, as every contender. */
    private static Path openSslConf(Path dir) throws IOException {
        Path conf = dir.resolve("openssl.cnf");
        Files.writeString(conf, WrkWorkload.opensslConfig()); // wrk's own pin, now on the server's side too
        conf.toFile().deleteOnExit();
        return conf;
    }
}
