package io.ferry.bench.evidence;

import io.ferry.FerryStats;
import io.ferry.bench.suite.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cross-check of claim 6: the system calls of the loop thread alone, counted from outside by
 * {@code perf stat -e raw_syscalls:sys_enter -t TID} (every system call, at little cost) and by
 * {@code strace -c -p TID} (a count per system call, at the cost of a ptrace stop per call, which
 * slows the loop and so changes its batching), while Ferry's own counters are read just before the
 * tool starts and just after it ends. The two windows differ by the tool's start-up and attach time,
 * so figures are compared as rates (per second of each window). One cell: {@link #CONNECTIONS}
 * connections, one message in flight each.
 */
final class SyscallCheck {
    static final int CONNECTIONS = 16;
    /** The system calls Ferry counts as kernel entries: the ones that submit or wait. */
    static final Set<String> WAITS = Set.of("io_uring_enter", "epoll_wait", "epoll_pwait", "epoll_pwait2");

    /**
     * One tool's count against Ferry's over the same window.
     *
     * @param variant      its name
     * @param tool         {@code perf} or {@code strace}
     * @param command      the command that counted (TID as a placeholder)
     * @param requests     echoes the server answered in Ferry's window
     * @param ferryEntries Ferry's kernel-entry count in its window
     * @param ferrySeconds the length of Ferry's window
     * @param toolWaits    the tool's count of submit/wait system calls ({@link #WAITS}); -1 where it gives only a total
     * @param toolTotal    the tool's count of all system calls of the loop thread
     * @param toolSeconds  the length of the tool's window (perf: its {@code sleep}; strace: start to SIGTERM)
     * @param bySyscall    strace's calls per system call, most first; empty for perf
     */
    record Row(String variant, String tool, String command, long requests, long ferryEntries, double ferrySeconds,
               long toolWaits, long toolTotal, double toolSeconds, Map<String, Long> bySyscall) {
        /** {@return all system calls of the loop per request: the tool's rate over Ferry's request rate} */
        double callsPerRequest() {
            return (toolTotal / toolSeconds) / (requests / ferrySeconds);
        }

        /** {@return the tool's submit/wait calls per second over Ferry's kernel entries per second} */
        double waitsAgainstFerry() {
            return (toolWaits / toolSeconds) / (ferryEntries / ferrySeconds);
        }
    }

    private SyscallCheck() {
    }

    static List<Row> run(List<Variant> variants, double seconds, Consumer<String> progress, List<String> notes)
        throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (Variant v : variants) {
            for (String tool : List.of("perf", "strace")) {
                if (Tools.find(tool) == null) {
                    notes.add(tool + " is not installed here: no " + tool + " cross-check.");
                    continue;
                }
                progress.accept("syscalls: " + v.name() + " counted by " + tool);
                try (EchoTarget target = EchoTarget.start(v)) {
                    Row r = count(target, v.name(), tool, seconds);
                    if (r == null) {
                        notes.add(tool + " could not count the loop thread of " + v.name() + " here.");
                    } else {
                        rows.add(r);
                    }
                }
            }
        }
        return rows;
    }

    private static Row count(EchoTarget target, String variant, String tool, double seconds)
        throws IOException, InterruptedException {
        double warmup = 0.5;
        Thread load = target.startLoad(CONNECTIONS, 1, 0, warmup + seconds + 1.5);
        try {
            TimeUnit.MILLISECONDS.sleep((long) (warmup * 1000));
            long tid = target.loopThreadId();
            return tid < 0 ? null : count(target, variant, tool, seconds, tid);
        } finally {
            load.join(); // bounded: the generator stops by itself
        }
    }

    private static Row count(EchoTarget target, String variant, String tool, double seconds, long tid)
        throws IOException, InterruptedException {
        List<String> cmd = tool.equals("perf")
            ? List.of("perf", "stat", "-x", ",", "-e", "raw_syscalls:sys_enter", "-t", Long.toString(tid), "--",
                "sleep", Double.toString(seconds))
            : List.of("strace", "-c", "-q", "-p", Long.toString(tid));
        Path errors = Files.createTempFile("ferry-evidence-" + tool, ".txt");
        try {
            FerryStats before = target.stats();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors.toFile()).start();
            if (tool.equals("strace")) {
                TimeUnit.MILLISECONDS.sleep((long) (seconds * 1000));
                p.destroy(); // SIGTERM: strace detaches and prints its summary
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            double toolSeconds = seconds; // perf's sleep; strace's start to SIGTERM, less its attach time
            FerryStats after = target.stats();
            double ferrySeconds = (System.nanoTime() - t0) / 1e9;
            String err = Files.readString(errors);
            long requests = (after.bytesIn() - before.bytesIn()) / EchoTarget.MESSAGE;
            long entries = after.kernelEntries() - before.kernelEntries();
            String shown = String.join(" ", cmd).replace(Long.toString(tid), "<loop TID>");
            if (tool.equals("perf")) {
                long total = parsePerf(err);
                return total < 0 ? null
                    : new Row(variant, tool, shown, requests, entries, ferrySeconds, -1, total, toolSeconds, Map.of());
            }
            Map<String, Long> calls = parseStrace(err);
            if (calls.isEmpty()) {
                return null;
            }
            long waits = calls.entrySet().stream().filter(e -> WAITS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
            return new Row(variant, tool, shown, requests, entries, ferrySeconds, waits,
                calls.values().stream().mapToLong(Long::longValue).sum(), toolSeconds, calls);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /**
     * Reads the count from {@code perf stat -x ,} output.
     *
     * @param out what perf printed on stderr
     * @return the count, or -1 when perf printed none (not supported, not permitted)
     */
    static long parsePerf(String out) {
        for (String line : out.split("\n")) {
            String[] f = line.split(",");
            if (f.length > 2 && f[2].equals("raw_syscalls:sys_enter") && f[0].matches("\\d+")) {
                return Long.parseLong(f[0]);
            }
        }
        return -1;
    }

    /**
     * Reads calls per system call from {@code strace -c} output.
     *
     * @param out the summary strace printed
     * @return calls by system call, most first, the total row left out
     */
    static Map<String, Long> parseStrace(String out) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            // % time, seconds, usecs/call, calls, [errors], syscall
            if (f.length >= 5 && f[0].matches("[0-9.]+") && f[3].matches("\\d+") && !f[f.length - 1].equals("total")) {
                entries.add(Map.entry(f[f.length - 1], Long.parseLong(f[3])));
            }
        }
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        Map<String, Long> calls = new LinkedHashMap<>();
        entries.forEach(e -> calls.put(e.getKey(), e.getValue()));
        return calls;
    }
}
