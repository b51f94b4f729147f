package io.ferry.bench.stress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** This process's open file descriptors, counted in {@code /proc/self/fd} (Linux). Any thread. */
public final class DescriptorCount {
    private static final Path FDS = Path.of("/proc/self/fd");

    private DescriptorCount() {
    }

    /**
     * Makes the JDK open what it keeps open for the rest of the process on first use of sockets (its
     * pre-close socket pair), so that a count taken afterwards is a fair baseline.
     */
    static void settleJdk() {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket(server.getInetAddress(), server.getLocalPort());
             java.net.Socket accepted = server.accept()) {
            client.close();
            accepted.close();
        } catch (IOException e) {
            throw new UncheckedIOException("loopback socket for the descriptor baseline", e);
        }
    }

    static boolean supported() {
        return Files.isDirectory(FDS);
    }

    /** Each open descriptor as {@code "N -> target"} (empty where /proc is not there). */
    static Set<String> list() {
        if (!supported()) {
            return Set.of();
        }
        try (Stream<Path> fds = Files.list(FDS)) {
            Set<String> all = new TreeSet<>();
            fds.forEach(fd -> {
                try {
                    all.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (IOException gone) {
                    // closed between the listing and the look: not open any more
                }
            });
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + FDS, e);
        }
    }

    /** {@return the number open now, or -1 where /proc is not there} */
    public static int now() {
        if (!supported()) {
            return -1;
        }
        try (Stream<Path> fds = Files.list(FDS)) {
            return (int) fds.count() - 1; // the listing's own descriptor
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + FDS, e);
        }
    }
}
