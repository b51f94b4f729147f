package io.ferry.cli;

import io.ferry.Ferry;
import io.ferry.net.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A child JVM's main for {@link ShouldFallBackWhenSeccompForbidsTest}: installs a seccomp filter
 * forbidding the system calls named in the first argument (comma-separated numbers; they fail with EPERM,
 * or with the errno {@code -Dseccomp.errno} names), prints on stderr
 * what the filtered calls now fail with and how many of the JVM's threads run under the filter, then either
 * runs the {@code ferry} command line with the remaining arguments, or with {@code echo} starts a Ferry on
 * its automatic backend, makes one echo round trip and prints {@code backend=NAME echoed=BYTES}.
 */
public final class SeccompedFerry {
    /** Starts the stderr line that shows the filter holds, e.g. {@code seccomp: 425=errno 1; threads 12/12}. */
    static final String MARKER = "seccomp: ";

    private SeccompedFerry() {
    }

    public static void main(String[] args) throws Throwable {
        List<Integer> forbidden = Arrays.stream(args[0].split(",")).map(Integer::valueOf).toList();
        SeccompFilter.forbid(forbidden, Integer.getInteger("seccomp.errno", SeccompFilter.EPERM));
        StringBuilder said = new StringBuilder(MARKER);
        for (int nr : forbidden) {
            said.append(nr).append("=errno ").append(SeccompFilter.errnoOf(nr)).append("; ");
        }
        System.err.println(said.append("threads ").append(filteredThreads()));
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (!List.of(rest).equals(List.of("echo"))) {
            FerryCli.main(rest);
            return;
        }
        try (Ferry ferry = Ferry.builder().loops(1).build();
             Listener listener = ferry.listen(new InetSocketAddress("127.0.0.1", 0),
                 c -> (conn, data) -> conn.writeAndFlush(data));
             Socket client = new Socket()) {
            client.connect(listener.localAddress(), 5_000);
            client.setSoTimeout(5_000);
            byte[] sent = "through the filter".getBytes();
            client.getOutputStream().write(sent);
            InputStream in = client.getInputStream();
            int got = in.readNBytes(sent.length).length;
            System.out.println("backend=" + ferry.backend().label() + " echoed=" + got);
        }
    }

    /** "filtered/all" over this process's threads, by the Seccomp field of their status (2 = filter mode). */
    private static String filteredThreads() throws IOException {
        List<String> modes;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            modes = tasks.map(SeccompedFerry::seccompMode).filter(m -> m != null).toList();
        }
        long filtered = modes.stream().filter("2"::equals).count();
        return filtered + "/" + modes.size() + (filtered == modes.size() ? ""
            : " (modes " + modes.stream().collect(Collectors.joining(",")) + ")");
    }

    /** The thread's Seccomp mode, or null when it ended while being read. */
    private static String seccompMode(Path task) {
        try {
            return Files.readAllLines(task.resolve("status")).stream().filter(l -> l.startsWith("Seccomp:"))
                .map(l -> l.substring("Seccomp:".length()).strip()).findFirst().orElse("none");
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
