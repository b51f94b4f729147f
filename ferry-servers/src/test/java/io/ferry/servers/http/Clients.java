package io.ferry.servers.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs real clients (curl, nc, python3, ab) as processes; a test whose client is not installed is skipped. */
final class Clients {
    private Clients() {
    }

    /** What a client printed, and how it ended. */
    record Result(int exit, byte[] stdout, String stderr) {
        String text() {
            return new String(stdout, StandardCharsets.ISO_8859_1);
        }
    }

    /** Skips the test unless {@code tool} is on the PATH (or in /usr/bin, /bin, /usr/local/bin). */
    static void assumeInstalled(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin:/usr/local/bin";
        boolean found = Arrays.stream(path.split(File.pathSeparator))
            .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
        assumeTrue(found, tool + " is not installed (.ci/run installs it); skipping");
    }

    /** Runs {@code command} with {@code stdin} as its input (then closed), waiting at most 20 s. */
    static Result run(byte[] stdin, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).start();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the client quit before reading all its input; its output says why
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not finish within 20 s");
        }
        return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    }

    /** {@code nc} sending {@code request} to the port, half-closing after it, printing all it receives. */
    static Result nc(int port, String request) throws IOException, InterruptedException {
        assumeInstalled("nc");
        return run(request.getBytes(StandardCharsets.ISO_8859_1), "nc", "-N", "-w", "10", "127.0.0.1",
            Integer.toString(port));
    }

    /** {@code curl -sS --http1.1} with {@code args}. */
    static Result curl(String... args) throws IOException, InterruptedException {
        assumeInstalled("curl");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--http1.1", "--max-time", "15"));
        command.addAll(List.of(args));
        return run(new byte[0], command.toArray(String[]::new));
    }

    /** {@code python3 -c script args...}: the script's exit status and output. */
    static Result python(String script, String... args) throws IOException, InterruptedException {
        assumeInstalled("python3");
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        return run(new byte[0], command.toArray(String[]::new));
    }

    /** ApacheBench ({@code ab}) with {@code args}. */
    static Result ab(String... args) throws IOException, InterruptedException {
        assumeInstalled("ab");
        List<String> command = new ArrayList<>(List.of("ab"));
        command.addAll(List.of(args));
        return run(new byte[0], command.toArray(String[]::new));
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }, r -> Thread.ofVirtual().start(r));
    }
}
