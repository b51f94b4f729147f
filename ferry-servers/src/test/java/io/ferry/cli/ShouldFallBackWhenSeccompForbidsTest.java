package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ferry.Backends;
import io.ferry.backend.Availability;
import io.ferry.backend.BackendKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Purpose: the most common way io_uring is missing in production is a container's seccomp profile (Docker's
// default returns EPERM for io_uring_setup). A child JVM installs such a filter before Ferry starts: AUTO must
// pick epoll and say why in one WARNING line, a forced uring must exit 2 with the reason, probe must say it;
// with epoll_create forbidden too, java.nio (on the JDK's poll-based selector) must take over, and without that
// selector no backend can run and each one must say why.
@Timeout(120)
class ShouldFallBackWhenSeccompForbidsTest {
    private static final String URING = String.valueOf(SeccompFilter.IO_URING_SETUP);
    private static final String URING_AND_EPOLL = URING + "," + SeccompFilter.EPOLL_CREATE + ","
        + SeccompFilter.EPOLL_CREATE1;
    private static final String POLL_SELECTOR_FLAG =
        "-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.PollSelectorProvider";
    /** How Ferry explains an io_uring_setup that a seccomp filter refused. */
    private static final String FORBIDDEN = "io_uring_setup failed: EPERM (forbidden by a seccomp filter";

    @BeforeAll
    static void onlyWhereIoUringAndSeccompExist() throws IOException {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
            "the filter uses x86_64 system call numbers");
        assumeTrue(Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.startsWith("Seccomp:")),
            "this kernel has no seccomp (no Seccomp field in /proc/self/status)");
        Availability uring = Backends.availability(BackendKind.URING);
        assumeTrue(uring.available(), "io_uring cannot run here even without a filter: " + uring.reason());
    }

    @Test
    void autoPicksEpollAndSaysWhyOnce() throws Exception {
        Path recording = Files.createTempFile("seccomp-child", ".jfr");
        try {
            Child child = run(List.of("-Xlog:jfr+startup=off", "-XX:StartFlightRecording:filename=" + recording
                + ",settings=none,+io.ferry.BackendSelected#enabled=true"), URING, "echo");
            assertFiltered(child, URING);
            assertEquals(0, child.exit, child.toString());
            assertEquals("backend=epoll echoed=18", child.out.strip(), child.toString());
            List<String> warnings = child.err.lines().filter(l -> l.contains("WARNING")).toList();
            assertEquals(1, warnings.size(), child.toString());
            List<String> said = child.err.lines().filter(l -> l.contains("skipped uring")).toList();
            assertEquals(1, said.size(), child.toString());
            assertTrue(said.get(0).contains(FORBIDDEN), said.get(0));
            // The Flight Recorder event carries the same reason as the log line.
            Child events = exec(List.of(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(),
                "print", "--events", "io.ferry.BackendSelected", recording.toString()));
            assertEquals(0, events.exit, events.toString());
            assertEquals(1, events.out.lines().filter(l -> l.startsWith("io.ferry.BackendSelected")).count(),
                events.toString());
            assertTrue(events.out.contains("requested = \"auto\"") && events.out.contains("backend = \"epoll\"")
                && events.out.contains(FORBIDDEN), events.toString());
        } finally {
            Files.delete(recording);
        }
    }

    @Test
    void forcedUringExitsTwoWithTheReason() throws Exception {
        Child child = run(List.of(), URING, "serve", "echo", "--backend", "uring", "--port", "0");
        assertFiltered(child, URING);
        assertEquals(2, child.exit, child.toString());
        String said = child.err.lines().filter(l -> l.startsWith("ferry: ")).findFirst().orElse("");
        assertTrue(said.contains("uring") && said.contains(FORBIDDEN), child.toString());
        assertTrue(!child.err.contains("Exception") && !child.err.contains("\tat "), child.toString());
    }

    @Test
    void probeSaysUringIsForbidden() throws Exception {
        Child child = run(List.of(), URING, "probe");
        assertFiltered(child, URING);
        assertEquals(0, child.exit, child.toString());
        String uring = child.out.lines().filter(l -> l.startsWith("uring")).findFirst().orElse("");
        assertTrue(uring.contains(" no ") && uring.contains(FORBIDDEN), child.toString());
        assertTrue(child.out.contains("auto   ->   epoll"), child.toString());
    }

    @Test
    void probeBlamesTheFilterWhenItAnswersEnosys() throws Exception {
        // Some profiles answer with ENOSYS instead, which alone would read as a kernel without io_uring.
        Child child = run(List.of("-Dseccomp.errno=" + SeccompFilter.ENOSYS), URING, "probe");
        assertFiltered(child, URING, SeccompFilter.ENOSYS);
        assertEquals(0, child.exit, child.toString());
        String uring = child.out.lines().filter(l -> l.startsWith("uring")).findFirst().orElse("");
        assertTrue(uring.contains(" no ")
            && uring.contains("io_uring_setup failed: ENOSYS (forbidden by a seccomp filter"), child.toString());
        assertTrue(child.out.contains("auto   ->   epoll"), child.toString());
    }

    @Test
    void nioTakesOverWhenEpollIsForbiddenToo() throws Exception {
        // The JDK's default selector is epoll as well; a process under such a profile selects with poll(2).
        Child child = run(List.of(POLL_SELECTOR_FLAG), URING_AND_EPOLL, "echo");
        assertFiltered(child, URING_AND_EPOLL);
        assertEquals(0, child.exit, child.toString());
        assertEquals("backend=nio echoed=18", child.out.strip(), child.toString());
        String said = child.err.lines().filter(l -> l.contains("skipped uring")).findFirst().orElse("");
        assertTrue(said.contains(FORBIDDEN)
            && said.contains("epoll_create1 failed: EPERM (forbidden by a seccomp filter"), child.toString());
    }

    @Test
    void probeSaysWhyTheJdkSelectorCannotRunEither() throws Exception {
        // Without the poll flag the JDK's selector needs epoll_create too, so nio cannot run either.
        Child child = run(List.of(), URING_AND_EPOLL, "probe");
        assertFiltered(child, URING_AND_EPOLL);
        assertEquals(0, child.exit, child.toString());
        String nio = child.out.lines().filter(l -> l.startsWith("nio")).findFirst().orElse("");
        assertTrue(nio.contains(" no ") && nio.contains("Selector.open failed")
            && nio.contains(POLL_SELECTOR_FLAG), child.toString());
        assertTrue(child.out.contains("auto   ->   none"), child.toString());
    }

    @Test
    void serveExitsTwoWhenNoBackendCanRun() throws Exception {
        Child child = run(List.of(), URING_AND_EPOLL, "serve", "echo", "--port", "0");
        assertFiltered(child, URING_AND_EPOLL);
        assertEquals(2, child.exit, child.toString());
        String said = child.err.lines().filter(l -> l.startsWith("ferry: ")).findFirst().orElse("");
        assertTrue(said.startsWith("ferry: no backend can run here: ") && said.contains(FORBIDDEN)
            && said.contains(POLL_SELECTOR_FLAG), child.toString());
        assertTrue(!child.err.contains("Exception") && !child.err.contains("\tat "), child.toString());
    }

    /** The child says each forbidden call failed with EPERM and every one of its threads runs under the filter. */
    private static void assertFiltered(Child child, String forbidden) {
        assertFiltered(child, forbidden, SeccompFilter.EPERM);
    }

    /** The child says each forbidden call failed with {@code errno} and all its threads run under the filter. */
    private static void assertFiltered(Child child, String forbidden, int errno) {
        String calls = Arrays.stream(forbidden.split(",")).map(nr -> nr + "=errno " + errno + "; ")
            .collect(Collectors.joining());
        Pattern expected = Pattern.compile(Pattern.quote(SeccompedFerry.MARKER + calls) + "threads (\\d+)/\\1");
        assertTrue(child.err.lines().anyMatch(l -> expected.matcher(l).matches()), child.toString());
    }

    private record Child(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static Child run(List<String> jvmFlags, String forbidden, String... args)
        throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SeccompedFerry.class.getName()));
        command.add(forbidden);
        command.addAll(List.of(args));
        return exec(command);
    }

    /** Runs {@code command} to its end (at most 60 s) and returns what it printed. */
    private static Child exec(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("seccomp-child", ".out");
        Path err = Files.createTempFile("seccomp-child", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("did not finish in 60 s: " + command);
                }
            } finally {
                p.destroyForcibly(); // also when this test is interrupted by its timeout
            }
            return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
