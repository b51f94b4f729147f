package io.ferry.bench.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The soak's load as a child JVM running {@link SoakLoad} on this JVM's class path, its stderr passed
 * through; a reader thread keeps the latest request and wrong-answer counts it reports. Closing ends
 * the child by its own handle (only the process it started).
 */
final class LoadProcess implements AutoCloseable {
    private final Process process;
    private final Thread reader;
    private volatile long requests;
    private volatile long wrong;
    private volatile boolean done;

    /** Ends the child when this JVM is stopped (Ctrl-C) before {@link #close()} could. */
    private final Thread stopChild;

    private LoadProcess(Process process) {
        this.process = process;
        this.stopChild = new Thread(process::destroy, "soak-load-stop");
        Runtime.getRuntime().addShutdownHook(stopChild);
        this.reader = Thread.ofPlatform().daemon().name("soak-load-reader").start(this::read);
    }

    /** Starts the load against {@code servers} for {@code seconds} with {@code clients} client threads. */
    static LoadProcess start(SoakServers servers, double seconds, int clients, long seed) throws IOException {
        String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"), SoakLoad.class.getName(),
            String.valueOf(servers.echo.getPort()), String.valueOf(servers.http.getPort()),
            String.valueOf(servers.resp.getPort()), servers.root.toString(), String.valueOf(seconds),
            String.valueOf(clients), String.valueOf(seed)));
        return new LoadProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = out.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f.length == 3 && (f[0].equals("progress") || f[0].equals("done"))) {
                    requests = Long.parseLong(f[1]);
                    wrong = Long.parseLong(f[2]);
                    done |= f[0].equals("done");
                }
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("soak: cannot read the load's reports: " + e);
        }
    }

    /** {@return whether the load is still running} */
    boolean running() {
        return process.isAlive();
    }

    /** {@return requests answered right so far, as last reported} */
    long requests() {
        return requests;
    }

    /** {@return requests answered wrongly (or not at all) so far, as last reported} */
    long wrong() {
        return wrong;
    }

    /**
     * Waits up to {@code seconds} for the load to end; returns its exit code, or -1 when it did not end
     * or never reported its final counts.
     */
    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            return -1;
        }
        reader.join(java.time.Duration.ofSeconds(5)); // it ends at the end of the child's output
        return done ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) instead
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
