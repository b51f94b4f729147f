package io.ferry.bench.suite;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** External programs the suite drives: finding them, and running one with a time bound. */
public final class Tools {
    private Tools() {
    }

    /** Absolute path of {@code name} on the PATH (or /usr/sbin), or null. */
    public static String find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    /** Runs {@code command} to completion (killed after {@code timeoutSeconds}) and returns its stdout. */
    public static String run(List<String> command, long timeoutSeconds) throws IOException {
        return run(command, timeoutSeconds, Map.of());
    }

    /**
     * Runs {@code command} as {@link #run(List, long)} with {@code environment} added to this process's.
     *
     * @param command the command line
     * @param timeoutSeconds when it is killed
     * @param environment variables to set for it
     * @return its stdout
     * @throws IOException when it cannot start, runs too long or exits with a failure
     */
    public static String run(List<String> command, long timeoutSeconds, Map<String, String> environment)
        throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process p = builder.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " ran past " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
