package io.ferry.bench.stress;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What one chaos run saw: moves played, connections made, and every hang, broken contract and leak,
 * each with what to replay. Thread-safe: workers report into it concurrently.
 */
final class StressReport {
    private static final int MAX_FAILURES = 20;
    private final String backend;
    private final long seed;
    private final List<String> hangs = new ArrayList<>();
    private final List<String> broken = new ArrayList<>();
    private final List<String> leaks = new ArrayList<>();
    private long ops;
    private long connections;

    StressReport(String backend, long seed) {
        this.backend = backend;
        this.seed = seed;
    }

    synchronized void failed(ChaosFailure f, String where) {
        String line = where + ": " + f.getMessage() + (f.getCause() == null ? "" : " (" + f.getCause() + ")");
        (f.isHang() ? hangs : broken).add(line);
    }

    synchronized void hung(String what) {
        hangs.add(what);
    }

    synchronized void leaked(String what) {
        leaks.add(what);
    }

    synchronized boolean tooManyFailures() {
        return hangs.size() + broken.size() >= MAX_FAILURES;
    }

    synchronized void counted(long ops, long connections) {
        this.ops = ops;
        this.connections = connections;
    }

    synchronized boolean passed() {
        return hangs.isEmpty() && broken.isEmpty() && leaks.isEmpty();
    }

    /** Everything that went wrong, one line each. */
    synchronized List<String> problems() {
        List<String> all = new ArrayList<>();
        hangs.forEach(h -> all.add("hang: " + h));
        broken.forEach(b -> all.add("broken: " + b));
        leaks.forEach(l -> all.add("leak: " + l));
        return all;
    }

    /** The problems, then the one-line verdict. */
    synchronized void print(PrintStream out) {
        problems().forEach(p -> out.println("stress[" + backend + "] " + p));
        out.println(summary());
    }

    synchronized String summary() {
        String line = "stress: " + ops + " ops, " + connections + " connections, leaks " + leaks.size() + ", hangs "
            + hangs.size() + ", seed " + seed + " (" + backend + ")";
        return broken.isEmpty() ? line : line + ", broken " + broken.size();
    }
}
