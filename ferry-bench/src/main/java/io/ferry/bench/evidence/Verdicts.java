package io.ferry.bench.evidence;

import static io.ferry.bench.evidence.Markdown.num;

import io.ferry.backend.UringReceiveStrategy;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Words each claim's verdict from the run's figures: every sentence compares numbers first and
 * picks its wording from the result, so another machine's run may well read differently.
 */
final class Verdicts {
    /** Two figures within this ratio of each other are "about the same". */
    private static final double SAME = 1.2;
    /** The least noise assumed for a user-space figure, in bytes per connection (a page per few connections). */
    private static final double MIN_NOISE = 512;
    private static final Predicate<String> COMPLETION = name -> Variant.byName(name).completion();

    private Verdicts() {
    }

    static String memory(List<MemoryEvidence.Row> rows) {
        if (rows.isEmpty()) {
            return "No variant could be measured in this run, so there is no verdict.";
        }
        double noise = noise(rows);
        StringBuilder v = new StringBuilder("Both handlers' idle rows of a variant measure the same state"
            + (rows.stream().anyMatch(r -> postsPerConnection(r.variant())) ? " (except io_uring/per-connection's: "
                + "a connection whose handler paused reading has no read posted, one that keeps reading has a buffer "
                + "posted, so its two idle rows differ by design)" : "") + "; they "
            + "differ by up to " + num(noise, 0) + " B per connection, so user-space differences below that are "
            + "noise in this run (the socket figures are the kernel's own counts). ");
        MemoryEvidence.Row idleLow = rows.stream().min(Comparator.comparingDouble(r -> total(r.idle()))).orElseThrow();
        MemoryEvidence.Row idleHigh = rows.stream().max(Comparator.comparingDouble(r -> total(r.idle()))).orElseThrow();
        double low = total(idleLow.idle());
        double high = total(idleHigh.idle());
        v.append("Idle, the cheapest server was ").append(idleLow.variant()).append(" (").append(idleLow.handler())
            .append(") at ").append(num(low, 0)).append(" B per connection (user + kernel) and the dearest ")
            .append(idleHigh.variant()).append(" (").append(idleHigh.handler()).append(") at ").append(num(high, 0))
            .append(" B").append(high <= low * SAME + noise ? ", within noise of each other"
                : low < noise ? ", " + num(high - low, 0) + " B apart (the lowest is within noise of zero)"
                : ", " + num(high / low, 1) + " times as much").append(". ");
        for (String handler : MemoryEvidence.HANDLERS) {
            v.append("With ").append(MemoryEvidence.UNREAD_BYTES).append(" B unread and a handler that ")
                .append(handler).append(handler.equals("pause") ? "s reading:" : "s what it gets:");
            for (MemoryEvidence.Row r : of(rows, handler)) {
                double user = r.unread().userBytes() - r.idle().userBytes();
                double kernel = r.unread().kernelBytes() - r.idle().kernelBytes();
                v.append(' ').append(r.variant()).append(' ').append(signed(user)).append(" B user, ")
                    .append(signed(kernel)).append(" B kernel (").append(where(user, kernel)).append(");");
            }
            v.setLength(v.length() - 1);
            v.append(". ");
        }
        List<MemoryEvidence.Row> slabs = of(rows, "pause").stream().filter(r -> !Double.isNaN(r.idle().slabBytes()))
            .toList();
        if (!slabs.isEmpty()) {
            v.append("Kernel bookkeeping outside the socket per idle connection (io_kiocb + epitem slabs):");
            slabs.forEach(r -> v.append(' ').append(r.variant()).append(' ').append(num(r.idle().slabBytes(), 0))
                .append(" B,"));
            v.setLength(v.length() - 1);
            v.append(" (an armed multishot receive holds an io_kiocb; an epoll registration an epitem). ");
        }
        v.append(claimOne(rows, noise)).append(claimThree(rows, noise));
        return v.toString().strip();
    }

    /** Claim 1: readiness uses less memory than completion with many mostly idle sockets. */
    private static String claimOne(List<MemoryEvidence.Row> rows, double noise) {
        StringBuilder v = new StringBuilder("Claim 1 (readiness needs less memory with many mostly idle sockets; "
            + "the textbook completion model, one read posted per connection, is io_uring/per-connection here): ");
        int readinessWins = 0;
        int completionWins = 0;
        int ties = 0;
        for (String handler : MemoryEvidence.HANDLERS) {
            List<MemoryEvidence.Row> mine = of(rows, handler);
            Optional<MemoryEvidence.Row> c = textbook(mine);
            if (c.isEmpty() || mine.stream().allMatch(x -> COMPLETION.test(x.variant()))) {
                return v.append("needs a completion and a readiness variant, and this run lacks one. ").toString();
            }
            for (boolean unread : new boolean[] {false, true}) {
                Function<MemoryEvidence.Row, Double> at = x -> total(unread ? x.unread() : x.idle());
                MemoryEvidence.Row r = cheapest(mine, COMPLETION.negate(), at);
                MemoryEvidence.Row best = cheapest(mine, COMPLETION, at);
                double ct = at.apply(c.get());
                double rt = at.apply(r);
                String verdict = rt * SAME + noise < ct ? "readiness less" : ct * SAME + noise < rt ? "completion less"
                    : "within noise";
                readinessWins += verdict.startsWith("readiness") ? 1 : 0;
                completionWins += verdict.startsWith("completion") ? 1 : 0;
                ties += verdict.startsWith("within") ? 1 : 0;
                v.append(handler).append(unread ? ", unread: " : ", idle: ").append(verdict).append(" (")
                    .append(r.variant()).append(' ').append(num(rt, 0)).append(" vs ").append(c.get().variant())
                    .append(' ').append(num(ct, 0)).append(" B").append(best == c.get() ? "" : "; the cheapest "
                        + "io_uring strategy, " + best.variant() + ", " + num(at.apply(best), 0) + " B")
                    .append("); ");
            }
        }
        v.setLength(v.length() - 2);
        v.append(readinessWins > 0 && completionWins == 0 && ties == 0 ? ". Supported in every case measured. "
            : readinessWins == 0 && completionWins == 0 ? ". Not shown here: the models were within noise. "
            : readinessWins == 0 ? ". Not supported here: readiness never used clearly less. "
            : ". It depends on the case: readiness used clearly less in " + readinessWins + " of "
                + (readinessWins + completionWins + ties) + ". ");
        return v.toString();
    }

    /** Claim 3: a provided-buffer ring ties completion memory to data in flight, not to connections. */
    private static String claimThree(List<MemoryEvidence.Row> rows, double noise) {
        List<MemoryEvidence.Row> rings = of(rows, "pause").stream().filter(r -> ring(r.variant())).toList();
        if (rings.isEmpty()) {
            return "Claim 3 needs a provided-buffer ring row, and this run has none.";
        }
        StringBuilder v = new StringBuilder("Claim 3 (a provided-buffer ring ties completion memory to data in "
            + "flight, not to connections): ");
        Optional<MemoryEvidence.Row> perConnection = of(rows, "hold").stream()
            .filter(r -> postsPerConnection(r.variant())).findFirst();
        if (perConnection.isPresent()) {
            double pc = perConnection.get().idle().userBytes();
            v.append("idle, with a handler that keeps reading (hold), one buffer posted per connection held ")
                .append(num(pc, 0)).append(" B of user memory per connection");
            for (MemoryEvidence.Row ring : of(rows, "hold").stream().filter(r -> ring(r.variant())).toList()) {
                double d = pc - ring.idle().userBytes();
                v.append(", ").append(ring.variant()).append(' ').append(num(ring.idle().userBytes(), 0)).append(" B (")
                    .append(d > noise ? num(d, 0) + " B less" : d < -noise ? num(-d, 0) + " B more"
                        : "within noise").append(')');
            }
            boolean ringsLess = of(rows, "hold").stream().filter(r -> ring(r.variant()))
                .allMatch(r -> pc - r.idle().userBytes() > noise);
            v.append(ringsLess ? ": the per-connection buffer is the memory a ring saves on every idle connection. "
                : ": the rings did not save clearly on idle connections in this run. ");
        }
        for (MemoryEvidence.Row ring : rings) {
            of(rows, "hold").stream().filter(r -> r.variant().equals(ring.variant())).findFirst()
                .ifPresent(hold -> v.append(ringUnderLoad(ring, hold, noise)));
        }
        return v.toString().strip();
    }

    /** What one ring strategy did with bytes the application did not consume. */
    private static String ringUnderLoad(MemoryEvidence.Row pause, MemoryEvidence.Row hold, double noise) {
        double idle = pause.idle().userBytes();
        double held = hold.unread().userBytes() - hold.idle().userBytes();
        double queuedPaused = pause.unread().queuedBytes();
        long taken = queuedPaused <= 0 ? -1
            : Math.round(hold.connections() * (1 - hold.unread().queuedBytes() / queuedPaused));
        double paused = pause.unread().userBytes() - pause.idle().userBytes();
        int unread = MemoryEvidence.UNREAD_BYTES;
        return pause.variant() + ": idle, " + num(idle, 0) + " B of user memory per connection ("
            + (idle < noise ? "within noise of zero" : idle < unread ? "less than one 4 KiB message"
                : "as much as a message or more, so something is parked per idle connection")
            + "); when the handler paused, user memory changed by " + signed(paused) + " B per connection ("
            + (paused < Math.max(noise, unread / 2.0) ? "the bytes stayed in the kernel, as with readiness"
                : "the backend had already taken the bytes")
            + "), and when it held what it got, by " + signed(held) + " B ("
            + (held < Math.max(noise, unread / 2.0) ? "well under the bytes sent: the ring bounds what user space "
                + "holds and the rest waits in the kernel"
                : held <= unread * 1.5 ? "about the bytes received: memory followed the data in flight"
                : num(held / unread, 1) + " times the bytes received: each small message occupies a whole ring "
                    + "buffer")
            + ")" + (taken < 0 ? "" : "; going by the receive queues, about " + taken + " of "
                + hold.connections() + " connections' bytes left the kernel" + (taken < hold.connections() * 0.9
                ? ", the rest waiting there because the ring had no free buffer while the handler held them" : ""))
            + ". So memory follows data, not connections, " + (held <= unread * 1.5 ? "here" : "but at buffer, "
                + "not byte, granularity") + ". ";
    }

    /**
     * Claim 2: the 1-byte probe. Its memory from the memory rows (against one buffer posted per connection and
     * readiness), its cost from the batching rows (against the default ring at the same cells) and, where
     * perf counted it, every system call per request.
     */
    static String probe(List<MemoryEvidence.Row> memory, List<BatchingEvidence.Row> batching,
                        List<SyscallCheck.Row> checks) {
        Predicate<String> isProbe = n -> receive(n) == UringReceiveStrategy.PROBE_THEN_READ;
        if (memory.stream().noneMatch(r -> isProbe.test(r.variant()))
            && batching.stream().noneMatch(r -> isProbe.test(r.variant()))) {
            return "This run has no io_uring/probe rows (the strategy is skipped here), so claim 2 is not measured.";
        }
        StringBuilder v = new StringBuilder("io_uring/probe is the trick exactly: a 1-byte MSG_PEEK recv waits, "
            + "then a non-blocking recv reads the rest. Memory:");
        double noise = memory.isEmpty() ? MIN_NOISE : noise(memory);
        for (String handler : MemoryEvidence.HANDLERS) {
            List<MemoryEvidence.Row> mine = of(memory, handler);
            Optional<MemoryEvidence.Row> p = mine.stream().filter(r -> isProbe.test(r.variant())).findFirst();
            Optional<MemoryEvidence.Row> pc = textbook(mine);
            if (p.isEmpty()) {
                continue;
            }
            v.append(" handler that ").append(handler).append("s: idle ").append(num(total(p.get().idle()), 0))
                .append(" B per connection, with 4 KiB unread ").append(num(total(p.get().unread()), 0))
                .append(" B, of which ").append(num(p.get().unread().queuedBytes(), 0))
                .append(" B queued in the kernel");
            pc.filter(x -> x != p.get()).ifPresent(x -> {
                double d = total(x.idle()) - total(p.get().idle());
                v.append(" (").append(x.variant()).append(" idle: ").append(num(total(x.idle()), 0)).append(" B, ")
                    .append(Math.abs(d) <= noise ? "within noise" : d > 0 ? "the probe saves " + num(d, 0) + " B"
                        : "the probe costs " + num(-d, 0) + " B more").append(')');
            });
            v.append(';');
        }
        v.setLength(v.length() - 1);
        double queued = of(memory, "pause").stream().filter(r -> isProbe.test(r.variant())).findFirst()
            .map(r -> r.unread().queuedBytes()).orElse(Double.NaN);
        v.append(queued >= MemoryEvidence.UNREAD_BYTES / 2.0 ? ". So the kernel still buffers what arrives: with "
            + "reading paused, the probe left the bytes in the socket, as readiness does. Cost:" : ". Cost:");
        int dearer = 0;
        int cells = 0;
        double maxRatio = 0;
        for (BatchingEvidence.Row p : batching.stream().filter(r -> isProbe.test(r.variant())).toList()) {
            Optional<BatchingEvidence.Row> base = batching.stream().filter(r -> r.variant().equals(Variant.ALL
                .getFirst().name()) && r.connections() == p.connections() && r.depth() == p.depth()).findFirst();
            if (base.isEmpty()) {
                continue;
            }
            double ratio = p.entriesPerRequest() / base.get().entriesPerRequest();
            cells++;
            dearer += ratio > SAME ? 1 : 0;
            maxRatio = Math.max(maxRatio, ratio);
            v.append(' ').append(p.connections()).append(" x ").append(p.depth()).append(": ")
                .append(num(p.entriesPerRequest(), 3)).append(" kernel entries and ")
                .append(num(p.wakeupsPerRequest(), 3)).append(" wake-ups per request against ")
                .append(num(base.get().entriesPerRequest(), 3)).append(" and ")
                .append(num(base.get().wakeupsPerRequest(), 3)).append(';');
        }
        if (cells == 0) {
            v.append(" no cell to compare with ").append(Variant.ALL.getFirst().name()).append('.');
        } else {
            v.setLength(v.length() - 1);
            v.append(" (probe against ").append(Variant.ALL.getFirst().name()).append("). ")
                .append(dearer == cells ? "The probe cost clearly more kernel entries per request in every cell, up to "
                    + num(maxRatio, 1) + " times as many: the memory saved is paid for in system calls. "
                    : dearer == 0 ? "The probe did not cost clearly more kernel entries per request in any cell. "
                    : "It depends on the load: the probe cost clearly more kernel entries per request in " + dearer
                        + " of " + cells + " cells (up to " + num(maxRatio, 1) + " times as many). ");
        }
        checks.stream().filter(c -> c.tool().equals("perf") && isProbe.test(c.variant())).findFirst()
            .ifPresent(p -> v.append("perf counted ").append(num(p.callsPerRequest(), 3))
                .append(" system calls per request on the probe's loop thread").append(checks.stream()
                    .filter(c -> c.tool().equals("perf") && c.variant().equals(Variant.ALL.getFirst().name()))
                    .findFirst().map(b -> " against " + num(b.callsPerRequest(), 3) + " on " + b.variant())
                    .orElse("")).append(". "));
        return v.toString().strip();
    }

    private static UringReceiveStrategy receive(String variant) {
        return Variant.byName(variant).receive();
    }

    private static boolean postsPerConnection(String variant) {
        return receive(variant) == UringReceiveStrategy.PER_CONNECTION;
    }

    private static boolean ring(String variant) {
        UringReceiveStrategy s = receive(variant);
        return s == UringReceiveStrategy.PROVIDED_RING || s == UringReceiveStrategy.INCREMENTAL_RING;
    }

    /** The textbook completion row (one buffer posted per connection), else the first completion row. */
    private static Optional<MemoryEvidence.Row> textbook(List<MemoryEvidence.Row> rows) {
        return rows.stream().filter(r -> postsPerConnection(r.variant())).findFirst()
            .or(() -> rows.stream().filter(r -> COMPLETION.test(r.variant())).findFirst());
    }

    private static MemoryEvidence.Row cheapest(List<MemoryEvidence.Row> rows, Predicate<String> which,
                                               Function<MemoryEvidence.Row, Double> figure) {
        return rows.stream().filter(r -> which.test(r.variant())).min(Comparator.comparing(figure)).orElseThrow();
    }

    static String batching(List<BatchingEvidence.Row> rows) {
        if (rows.isEmpty()) {
            return "No batching cell ran.";
        }
        StringBuilder v = new StringBuilder();
        for (String variant : rows.stream().map(BatchingEvidence.Row::variant).distinct().toList()) {
            List<BatchingEvidence.Row> mine = rows.stream().filter(r -> r.variant().equals(variant)).toList();
            BatchingEvidence.Row light = mine.stream().min(Comparator.comparingInt(r -> r.connections() * r.depth()))
                .orElseThrow();
            BatchingEvidence.Row heavy = mine.stream().max(Comparator.comparingInt(r -> r.connections() * r.depth()))
                .orElseThrow();
            v.append(variant).append(": from ").append(light.connections()).append(" x ").append(light.depth())
                .append(" to ").append(heavy.connections()).append(" x ").append(heavy.depth())
                .append(", events per wake-up went from ").append(num(light.eventsPerWakeup(), 2)).append(" to ")
                .append(num(heavy.eventsPerWakeup(), 2)).append(" and kernel entries per request from ")
                .append(num(light.entriesPerRequest(), 3)).append(" to ").append(num(heavy.entriesPerRequest(), 3))
                .append(heavy.entriesPerRequest() < light.entriesPerRequest() / SAME ? " (batching grows with load)"
                    : " (little batching gained)").append(". ");
        }
        long cells = rows.stream().filter(r -> COMPLETION.test(r.variant())).count();
        long completionMore = rows.stream().filter(r -> COMPLETION.test(r.variant())).filter(c -> rows.stream()
            .filter(o -> !COMPLETION.test(o.variant()) && o.connections() == c.connections() && o.depth() == c.depth())
            .allMatch(o -> c.eventsPerWakeup() > o.eventsPerWakeup() * SAME)).count();
        long completionFewer = rows.stream().filter(r -> COMPLETION.test(r.variant())).filter(c -> rows.stream()
            .filter(o -> !COMPLETION.test(o.variant()) && o.connections() == c.connections() && o.depth() == c.depth())
            .allMatch(o -> c.eventsPerWakeup() * SAME < o.eventsPerWakeup())).count();
        if (cells > 0) {
            v.append("Completion handled clearly more events per wake-up than every readiness variant in ")
                .append(completionMore).append(" of ").append(cells).append(" cells and clearly fewer in ")
                .append(completionFewer).append(completionMore > 0 && completionFewer > 0
                    ? ": which model batches more depends on the load. " : ". ");
        }
        Optional<BatchingEvidence.Row> c1 = rows.stream().filter(r -> COMPLETION.test(r.variant())
            && r.connections() == 1 && r.depth() == 1).findFirst();
        Optional<BatchingEvidence.Row> r1 = rows.stream().filter(r -> !COMPLETION.test(r.variant())
            && r.connections() == 1 && r.depth() == 1)
            .min(Comparator.comparingDouble(BatchingEvidence.Row::wakeupsPerRequest));
        if (c1.isPresent() && r1.isPresent() && c1.get().wakeupsPerRequest() > r1.get().wakeupsPerRequest() * 1.5) {
            v.append("With one connection and one message, ").append(c1.get().variant()).append(" woke ")
                .append(num(c1.get().wakeupsPerRequest(), 2)).append(" times per request against ")
                .append(r1.get().variant()).append("'s ").append(num(r1.get().wakeupsPerRequest(), 2))
                .append(", consistent with a completion backend waking for each send's completion as well, where "
                    + "a readiness write returns at once. ");
        }
        return v.append("Ferry's kernel-entry counter counts only the calls that submit or wait, which leaves "
            + "out the reads and writes of the readiness backends; the cross-check below counts every call.")
            .toString();
    }

    static String crossCheck(List<SyscallCheck.Row> checks) {
        if (checks.isEmpty()) {
            return "";
        }
        StringBuilder v = new StringBuilder("Cross-check:");
        for (SyscallCheck.Row p : checks.stream().filter(c -> c.tool().equals("perf")).toList()) {
            Optional<SyscallCheck.Row> s = checks.stream().filter(c -> c.tool().equals("strace")
                && c.variant().equals(p.variant())).findFirst();
            double waitShare = s.map(c -> BatchingEvidence.ratio(c.toolWaits(), c.toolTotal())).orElse(Double.NaN);
            double perfRate = p.toolTotal() / p.toolSeconds();
            double ferryRate = p.ferryEntries() / p.ferrySeconds();
            v.append(' ').append(p.variant()).append(": ");
            if (waitShare >= 0.95) {
                double diff = perfRate / ferryRate - 1;
                v.append("strace found ").append(num(100 * waitShare, 1)).append(" % of the loop's system calls are "
                    + "submit/wait calls, so perf's total checks Ferry's counter: ").append(num(perfRate, 0))
                    .append(" calls/s against ").append(num(ferryRate, 0)).append(" entries/s, ")
                    .append(Math.abs(diff) <= 0.2 ? "agreeing within 20 %" : "differing by " + num(100 * diff, 0)
                        + " %").append(" (the windows differ by the tool's start-up on a loaded machine);");
            } else {
                v.append(Double.isNaN(waitShare) ? "" : "strace found submit/wait calls are only "
                    + num(100 * waitShare, 0) + " % of the loop's system calls (the rest: "
                    + String.join(", ", s.orElseThrow().bySyscall().keySet().stream()
                        .filter(k -> !SyscallCheck.WAITS.contains(k)).limit(2).toList()) + "), so ")
                    .append("Ferry's counter is a lower bound there: perf counted ").append(num(p.callsPerRequest(), 3))
                    .append(" system calls per request against Ferry's ")
                    .append(num(BatchingEvidence.ratio(p.ferryEntries(), p.requests()), 3)).append(" kernel entries;");
            }
        }
        List<SyscallCheck.Row> perf = checks.stream().filter(c -> c.tool().equals("perf")).toList();
        if (!perf.isEmpty()) {
            SyscallCheck.Row fewest = perf.stream().min(Comparator.comparingDouble(SyscallCheck.Row::callsPerRequest))
                .orElseThrow();
            SyscallCheck.Row most = perf.stream().max(Comparator.comparingDouble(SyscallCheck.Row::callsPerRequest))
                .orElseThrow();
            v.append(" counting every system call, ").append(fewest.variant()).append(" needed the fewest per request")
                .append(most.callsPerRequest() > fewest.callsPerRequest() * SAME
                    ? " (" + most.variant() + " " + num(most.callsPerRequest() / fewest.callsPerRequest(), 1)
                        + " times as many) in this cell;"
                    : ", though all were within 20 % in this cell;");
        }
        v.setLength(v.length() - 1);
        return v.append(". strace stops the loop at every call, so its own rates are not a check of the counter; "
            + "its use here is the breakdown by call.").toString();
    }

    static String copies(List<ThreadEvidence.Row> threads) {
        Optional<ThreadEvidence.Row> uringSockets = threads.stream()
            .filter(r -> r.workload().startsWith("echo") && COMPLETION.test(r.variant())).findFirst();
        String thread = uringSockets.map(r -> {
            double workers = r.ioShare(ThreadEvidence.IOU_WORKERS) + r.ioShare(ThreadEvidence.IOU_SQPOLL);
            return "As for \"it does the copy on another thread\": in this run's socket workload io_uring's kernel "
                + "threads did " + num(100 * workers, 1) + " % of the I/O threads' CPU time and the loop "
                + num(100 * r.ioShare(ThreadEvidence.LOOP), 0) + " %: " + (workers < 0.05
                ? "the receive and send copies ran on the loop thread (inside io_uring_enter), not on another thread."
                : "part of the work did move to another thread.");
        }).orElse("No io_uring socket run, so nothing here says which thread copied.");
        return "User-space copies per byte served are the same on every backend (0 for echo, 1 for generated "
            + "responses), because every backend reads into the same pool buffers and the handlers are shared: the "
            + "completion model does not save a user-space copy here, and the readiness backends do not add one. "
            + thread;
    }

    static String threads(List<ThreadEvidence.Row> rows) {
        StringBuilder v = new StringBuilder();
        for (ThreadEvidence.Row r : rows) {
            if (r.workload().startsWith("echo")) {
                continue;
            }
            double workers = r.ioShare(ThreadEvidence.IOU_WORKERS);
            double pool = r.ioShare(ThreadEvidence.FILE_POOL);
            double loop = r.ioShare(ThreadEvidence.LOOP);
            v.append(r.workload()).append(" on ").append(r.variant()).append(": ");
            if (workers > 0.5) {
                v.append("io_uring's kernel workers did most of the I/O work (").append(num(100 * workers, 0))
                    .append(" %): io_uring acted as a kernel thread pool");
            } else if (pool > 0.5) {
                v.append("Ferry's blocking pool did most of the I/O work (").append(num(100 * pool, 0)).append(" %)");
            } else if (loop > 0.5) {
                v.append("the loop thread did most of it inline (").append(num(100 * loop, 0)).append(" %)");
            } else {
                v.append("the work was split (loop ").append(num(100 * loop, 0)).append(" %, kernel workers ")
                    .append(num(100 * workers, 0)).append(" %, pool ").append(num(100 * pool, 0)).append(" %)");
            }
            v.append("; ");
        }
        if (v.isEmpty()) {
            return "No file workload ran.";
        }
        v.setLength(v.length() - 2);
        return v.append(". So \"async file I/O on one thread\" holds where the loop did the work; where kernel "
            + "workers or the pool did, the waiting (and the CPU) moved to other threads, and which one it is depends "
            + "on the variant and on page cache, O_DIRECT or fsync.").toString();
    }

    private static String signed(double bytes) {
        return (bytes >= 0 ? "+" : "") + num(bytes, 0);
    }

    private static List<MemoryEvidence.Row> of(List<MemoryEvidence.Row> rows, String handler) {
        return rows.stream().filter(r -> r.handler().equals(handler)).toList();
    }

    private static double total(MemoryEvidence.Stage s) {
        return s.total();
    }

    /**
     * The noise of the user-space figures, read off the data: both handlers' idle rows of a variant measure
     * the same state, so the largest difference between them is what chance alone moved. Not so with one buffer
     * posted per connection, where pausing takes the posted read away, so those rows are left out.
     */
    private static double noise(List<MemoryEvidence.Row> rows) {
        double noise = MIN_NOISE;
        for (MemoryEvidence.Row a : rows) {
            for (MemoryEvidence.Row b : rows) {
                if (a.variant().equals(b.variant()) && !postsPerConnection(a.variant())) {
                    noise = Math.max(noise, Math.abs(a.idle().userBytes() - b.idle().userBytes()));
                }
            }
        }
        return noise;
    }

    private static String where(double user, double kernel) {
        if (user > 2 * kernel && user > 0) {
            return "mostly in user space";
        } else if (kernel > 2 * user && kernel > 0) {
            return "mostly in the kernel";
        }
        return "split";
    }
}
