package io.ferry.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * A server to benchmark: a display name and the command that starts it. Java contenders run on the
 * JVM that runs the harness, with its class path, pinned to the server's CPU set by {@code taskset}.
 *
 * @param name    as printed in tables and charts
 * @param command full command line
 */
public record Contender(String name, List<String> command) {
    /** A Java main class of this project, run with the harness's own JVM and class path. */
    public static Contender java(String name, String cpus, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", cpus, javaBinary(),
            "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx1g",
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

    /** The plain JDK: {@code ServerSocket} and a virtual thread per connection. */
    public static Contender jdkVirtualThreads(String app, String cpus) {
        return java("jdk-vthreads", cpus, "io.ferry.bench.peers.JdkVirtualThreadServer", app, "127.0.0.1", "0");
    }

    /** Netty 4.2 on one of its transports. */
    public static Contender netty(String app, String transport, String cpus, int loops) {
        return java("netty-" + transport, cpus, "io.ferry.bench.peers.NettyServer", app, transport, "127.0.0.1", "0",
            Integer.toString(loops));
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
