package io.ferry.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test in its own process: started from a command line, ready once it prints
 * {@code listening on HOST:PORT backend=NAME}, measured through /proc (CPU time, RSS), and stopped
 * by its own PID (SIGTERM, then SIGKILL after a grace period). Only processes it started are ended.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+) backend=(\\S+)");
    private static final long CLOCK_TICKS = 100;
    private final Process process;
    private final String host;
    private final int port;
    private final String backend;

    private ServerProcess(Process process, String host, int port, String backend) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.backend = backend;
    }

    /** Starts {@code command} and waits (at most {@code timeoutSeconds}) for its listening line. */
    public static ServerProcess start(List<String> command, long timeoutSeconds) throws IOException {
        Path errors = Files.createTempFile("ferry-server", ".err");
        errors.toFile().deleteOnExit();
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Matcher> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("exited without a listening line");
        });
        try {
            Matcher m = ready.get(timeoutSeconds, TimeUnit.SECONDS);
            Thread.ofVirtual().start(() -> drain(out));
            return new ServerProcess(p, m.group(1), Integer.parseInt(m.group(2)), m.group(3));
        } catch (TimeoutException | InterruptedException | java.util.concurrent.ExecutionException e) {
            stop(p);
            List<String> lines = Files.readAllLines(errors);
            String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("no output on stderr");
            throw new IOException("did not start (" + first + ")", e);
        }
    }

    /**
     * Starts a program that prints no listening line (nginx, redis-server) and waits until
     * {@code host:port} accepts connections.
     */
    public static ServerProcess startOnPort(List<String> command, String host, int port, String backend,
                                            long timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket(host, port)) {
                return new ServerProcess(p, host, port, backend);
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    break;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stop(p);
        throw new IOException("did not start listening on " + host + ":" + port + " (" + command.get(3) + ")");
    }

    /** A free loopback port (bound and released; fine for a server started right after). */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the pipe from filling up
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The backend the server says it runs on. */
    public String backend() {
        return backend;
    }

    public long pid() {
        return process.pid();
    }

    /** User + system CPU seconds this process has used so far (from /proc/PID/stat). */
    public double cpuSeconds() {
        return cpuSeconds(true);
    }

    /** System (kernel) CPU seconds this process has used so far: the part of {@link #cpuSeconds()} in syscalls. */
    public double kernelCpuSeconds() {
        return cpuSeconds(false);
    }

    private double cpuSeconds(boolean withUser) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return ((withUser ? Long.parseLong(f[11]) : 0) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Seconds its live threads have spent runnable but waiting for a CPU (see {@link SchedStat}); NaN if unknown. */
    public double runQueueSeconds() {
        long n = SchedStat.processRunQueueNanos(pid());
        return n < 0 ? Double.NaN : n / 1e9;
    }

    /** Resident set size in bytes (from /proc/PID/status). */
    public long rssBytes() {
        return statusKiB("VmRSS:");
    }

    /**
     * Anonymous resident memory in bytes ({@code RssAnon} of /proc/PID/status): heap, native allocations and
     * stacks, without the mapped files (the JVM's libraries and class archive), whose resident pages rise and
     * fall with the machine's page cache rather than with what the server does.
     */
    public long anonRssBytes() {
        return statusKiB("RssAnon:");
    }

    /**
     * {@link #anonRssBytes()} of the server and every process it started (a C server's workers), summed.
     *
     * @return bytes, or -1 when the server's own figure cannot be read
     */
    public long treeAnonRssBytes() {
        long own = anonRssBytes();
        if (own < 0) {
            return -1;
        }
        return own + process.descendants().mapToLong(p -> Math.max(0, statusKiB(p.pid(), "RssAnon:"))).sum();
    }

    private long statusKiB(String key) {
        return statusKiB(pid(), key);
    }

    private static long statusKiB(long pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
