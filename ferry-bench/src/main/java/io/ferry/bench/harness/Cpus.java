package io.ferry.bench.harness;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * CPU sets for side-by-side runs: the server gets core 0, the load generator (this JVM) core 1, so
 * they do not fight over one core. On a single-core machine both share it, and the tables say so.
 */
public final class Cpus {
    private Cpus() {
    }

    /** The CPU list for servers under test. */
    public static String serverCpus() {
        return "0";
    }

    /** The CPU list of the load generator. */
    public static String loadCpus() {
        return Runtime.getRuntime().availableProcessors() < 2 ? "0" : "1";
    }

    /** Pins this JVM (all its threads) to the load generator's core; false if that was not possible. */
    public static boolean pinSelfToLoadCore() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return false;
        }
        try {
            String self = Long.toString(ProcessHandle.current().pid());
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", loadCpus(), self)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
