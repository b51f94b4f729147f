package io.ferry.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The harness's side of a {@link HiccupProbe} running on the servers' cores: {@link #mark()} returns the
 * longest hiccup the probe saw since the previous mark. Closing ends the probe by its own handle.
 */
public final class HiccupMeter implements AutoCloseable {
    private final Process probe;
    private final PrintStream ask;
    private final BufferedReader answers;

    private HiccupMeter(Process probe) {
        this.probe = probe;
        this.ask = new PrintStream(probe.getOutputStream(), true, StandardCharsets.US_ASCII);
        this.answers = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Starts a probe pinned to {@code cpus} ({@code taskset -c}) and takes a first mark. */
    public static HiccupMeter start(String cpus) throws IOException {
        Contender c = Contender.java("hiccup-probe", cpus, HiccupProbe.class.getName());
        HiccupMeter m = new HiccupMeter(new ProcessBuilder(c.command())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        m.mark();
        return m;
    }

    /** {@return the longest hiccup since the previous mark, in nanoseconds} */
    public long mark() throws IOException {
        ask.println("mark");
        String line = answers.readLine();
        if (line == null) {
            throw new IOException("the hiccup probe ended (exit " + (probe.isAlive() ? "?" : probe.exitValue()) + ")");
        }
        return Long.parseLong(line.substring(0, line.indexOf(' ')));
    }

    /** {@return the probe's process id} */
    long pid() {
        return probe.pid();
    }

    /** {@return whether the probe is still running} */
    boolean probeAlive() {
        return probe.isAlive();
    }

    @Override
    public void close() {
        ask.close(); // the probe exits on end of input
        try {
            if (!probe.waitFor(5, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
            }
        } catch (InterruptedException e) {
            probe.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
