package io.ferry.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server to benchmark: a display name and the command that starts it. Java contenders run on the
 * JVM that runs the harness, with its class path, pinned to the server's CPU set by {@code taskset}.
 * A contender either prints {@code listening on HOST:PORT backend=NAME} (port 0 picks one) or, for
 * C servers, is told its {@code port} up front.
 *
 * @param name    as printed in tables and charts
 * @param command full command line
 * @param port    the port a C server was configured with, or 0 for servers that print it
 */
public record Contender(String name, List<String> command, int port) {
    /** The one cipher suite the HTTPS contenders accept (TLS 1.3): wrk, on OpenSSL, cannot be told which to offer. */
    public static final String TLS_CIPHER = "TLS_AES_128_GCM_SHA256";

    public Contender(String name, List<String> command) {
        this(name, command, 0);
    }

    /** Starts it and waits until it accepts connections. */
    public ServerProcess start() throws java.io.IOException {
        return port == 0 ? ServerProcess.start(command, 30)
            : ServerProcess.startOnPort(command, "127.0.0.1", port, name, 30);
    }

    /** A Java main class of this project, run with the harness's own JVM and class path. */
    public static Contender java(String name, String cpus, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", cpus, javaBinary(),
            "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-Xmx1g",
            "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new Contender(name, cmd);
    }

    /** {@code ferry serve APP --backend B} as a contender. */
    public static Contender ferry(String app, String backend, String cpus, int loops) {
        return java("ferry-" + backend, cpus, "io.ferry.bench.Main", "serve", app, "--backend", backend,
            "--port", "0", "--loops", Integer.toString(loops));
    }

    /** {@code ferry serve APP --backend B --style blocking}: a virtual thread per connection. */
    public static Contender ferryBlocking(String app, String backend, String cpus, int loops) {
        return java("ferry-" + backend + "-blocking", cpus, "io.ferry.bench.Main", "serve", app, "--backend", backend,
            "--style", "blocking", "--port", "0", "--loops", Integer.toString(loops));
    }

    /**
     * The blocking style with its virtual threads left on the JDK's carrier pool
     * ({@code -Dferry.vthreadCarrier=jdk}): what loop-carried virtual threads save.
     */
    public static Contender ferryBlockingOnJdkCarriers(String app, String backend, String cpus, int loops) {
        List<String> cmd = new ArrayList<>(ferryBlocking(app, backend, cpus, loops).command);
        cmd.add(cmd.indexOf("-cp"), "-Dferry.vthreadCarrier=jdk");
        return new Contender("ferry-" + backend + "-blocking-jdk-carriers", cmd, 0);
    }

    /** The plain JDK: {@code ServerSocket} and a virtual thread per connection. */
    public static Contender jdkVirtualThreads(String app, String cpus) {
        return java("jdk-vthreads", cpus, "io.ferry.bench.peers.JdkVirtualThreadServer", app, "127.0.0.1", "0");
    }

    /** Netty 4.2 on one of its transports. */
    public static Contender netty(String app, String transport, String cpus, int loops) {
        return java("netty-" + transport, cpus, "io.ferry.bench.peers.NettyServer", app, transport, "127.0.0.1", "0",
            Integer.toString(loops));
    }

    /**
     * Netty 4.2 on {@code transport} over TLS: {@code SslHandler} on {@code provider} (jdk or boringssl), named
     * {@code netty-TRANSPORT-PROVIDER}.
     *
     * @param app echo or http
     * @param transport nio, epoll or io_uring
     * @param provider jdk or boringssl
     * @param cpus the cores it may run on
     * @param cert the certificate chain, PEM
     * @param key the private key, PEM
     * @return the contender
     */
    public static Contender nettyTls(String app, String transport, String provider, String cpus, Path cert, Path key) {
        return java("netty-" + transport + "-" + provider, cpus, "io.ferry.bench.peers.NettyServer", app, transport,
            "127.0.0.1", "0", "1", provider, cert.toString(), key.toString());
    }

    /**
     * This {@code ferry serve} contender over TLS ({@code --tls --cert --key}), the JDK's server side limited to
     * TLS_AES_128_GCM_SHA256 ({@code jdk.tls.server.cipherSuites}) as every HTTPS contender is.
     *
     * @param cert the certificate chain, PEM
     * @param key the private key, PEM
     * @return the contender, same name
     */
    public Contender withTls(Path cert, Path key) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(cmd.indexOf("-cp"), "-Djdk.tls.server.cipherSuites=" + TLS_CIPHER);
        cmd.addAll(List.of("--tls", "--cert", cert.toString(), "--key", key.toString()));
        return new Contender(name, cmd, port);
    }

    /**
     * This {@code ferry serve --tls} contender on the system's OpenSSL ({@code --tls-provider openssl}), named
     * {@code NAME-openssl}. OpenSSL reads its cipher suites from {@code opensslConf} (the file
     * {@code OPENSSL_CONF} names), as the JDK contenders read theirs from a system property.
     */
    public Contender withOpenSsl(Path opensslConf) {
        List<String> cmd = new ArrayList<>(List.of("env", "OPENSSL_CONF=" + opensslConf));
        cmd.addAll(command);
        cmd.addAll(List.of("--tls-provider", "openssl"));
        return new Contender(name + "-openssl", cmd, port);
    }

    /**
     * This {@code ferry serve} contender receiving with io_uring receive {@code strategy}, named
     * {@code NAME-STRATEGY} (e.g. {@code ferry-uring-per_connection}).
     */
    public Contender withUringReceive(String strategy) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("--uring-receive", strategy));
        return new Contender(name + "-" + strategy, cmd, port);
    }

    /** The same contender with extra JVM flags (inserted before the class path). */
    public Contender withJvmFlags(List<String> flags) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(cmd.indexOf("-cp"), flags);
        cmd.remove("-Xmx1g");
        return new Contender(name, cmd, port);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
