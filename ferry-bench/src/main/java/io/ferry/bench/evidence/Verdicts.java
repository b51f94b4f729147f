package io.ferry.bench.evidence;

import static io.ferry.bench.evidence.Markdown.num;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Words each claim's verdict from the run's figures: every sentence compares numbers first and
 * picks its wording from the result, so another machine's run may well read differently.
 */
final class Verdicts {
    /** Two figures within this ratio of each other are "about the same". */
    private static final double SAME = 1.2;

    private Verdicts() {
    }

    static String memory(List<MemoryEvidence.Row> rows) {
        if (rows.isEmpty()) {
            return "No variant could be measured in this run, so there is no verdict.";
        }
        StringBuilder v = new StringBuilder();
        MemoryEvidence.Row idleLow = min(rows, r -> total(r.idle()));
        MemoryEvidence.Row idleHigh = max(rows, r -> total(r.idle()));
        v.append("Idle, the cheapest variant was ").append(idleLow.variant()).append(" at ")
            .append(num(total(idleLow.idle()), 0)).append(" B per connection (user + kernel) and the dearest ")
            .append(idleHigh.variant()).append(" at ").append(num(total(idleHigh.idle()), 0)).append(" B");
        v.append(compare(total(idleHigh.idle()), total(idleLow.idle()))).append(". ");
        for (MemoryEvidence.Row r : rows) {
            double user = r.unread().userBytes() - r.idle().userBytes();
            double kernel = r.unread().kernelBytes() - r.idle().kernelBytes();
            v.append("With ").append(MemoryEvidence.UNREAD_BYTES).append(" B unread per connection, ")
                .append(r.variant()).append(" grew by ").append(num(user, 0)).append(" B in user space and ")
                .append(num(kernel, 0)).append(" B in the kernel: the unread bytes ")
                .append(where(user, kernel)).append(". ");
        }
        Optional<MemoryEvidence.Row> completion = rows.stream()
            .filter(r -> Variant.byName(r.variant()).completion()).findFirst();
        Optional<MemoryEvidence.Row> readiness = rows.stream()
            .filter(r -> !Variant.byName(r.variant()).completion()).min(Comparator.comparingDouble(r -> total(r.unread())));
        if (completion.isPresent() && readiness.isPresent()) {
            double c = total(completion.get().unread());
            double r = total(readiness.get().unread());
            v.append("Claim 1 (readiness uses less memory with many mostly idle sockets): ");
            double ci = total(completion.get().idle());
            double ri = total(readiness.get().idle());
            v.append(ri * SAME < ci ? "supported when idle" : ci * SAME < ri ? "contradicted when idle"
                : "idle, the models cost about the same");
            v.append(" (").append(num(ri, 0)).append(" vs ").append(num(ci, 0)).append(" B); with unread data ")
                .append(r * SAME < c ? "readiness used less" : c * SAME < r ? "completion used less"
                    : "they were about the same")
                .append(" (").append(num(r, 0)).append(" vs ").append(num(c, 0)).append(" B), so it depends on "
                    + "whether the data waits in the kernel or in buffers the completion backend already filled. ");
            double perConnUser = completion.get().idle().userBytes();
            double unreadUser = completion.get().unread().userBytes() - perConnUser;
            v.append("Claim 3 (a provided-buffer ring ties completion memory to data in flight, not to connections): "
                + "idle, ").append(completion.get().variant()).append(" held ").append(num(perConnUser, 0))
                .append(" B of user memory per connection, ")
                .append(perConnUser < MemoryEvidence.UNREAD_BYTES ? "less than one receive buffer, so no buffer is "
                    + "parked per idle connection" : "as much as a receive buffer or more, so something is parked "
                    + "per idle connection")
                .append("; with unread data it grew by ").append(num(unreadUser, 0)).append(" B per connection")
                .append(unreadUser < MemoryEvidence.UNREAD_BYTES / 2.0 ? ", well under the bytes sent: the ring "
                    + "bounds what user space holds and the rest waits in the kernel" : ", close to the bytes sent: "
                    + "user memory followed the unread data").append(".");
        }
        return v.toString();
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
        List<String> variants = rows.stream().map(BatchingEvidence.Row::variant).distinct().toList();
        int cells = 0;
        int[] wins = new int[variants.size()];
        for (BatchingEvidence.Row r : rows) {
            if (!r.variant().equals(variants.getFirst())) {
                continue;
            }
            cells++;
            List<BatchingEvidence.Row> same = rows.stream().filter(o -> o.connections() == r.connections()
                && o.depth() == r.depth()).toList();
            BatchingEvidence.Row best = same.stream().min(Comparator.comparingDouble(
                BatchingEvidence.Row::entriesPerRequest)).orElseThrow();
            wins[variants.indexOf(best.variant())]++;
        }
        v.append("Fewest kernel entries per request (Ferry's counters):");
        for (int i = 0; i < variants.size(); i++) {
            v.append(i == 0 ? " " : ", ").append(variants.get(i)).append(" in ").append(wins[i]).append(" of ")
                .append(cells).append(" cells");
        }
        v.append(java.util.Arrays.stream(wins).filter(w -> w > 0).count() > 1 ? "; which model batches better depends on the "
            + "load." : ".");
        return v.toString();
    }

    static String crossCheck(List<SyscallCheck.Row> checks) {
        if (checks.isEmpty()) {
            return "";
        }
        StringBuilder v = new StringBuilder("Cross-check:");
        for (SyscallCheck.Row c : checks) {
            if (c.toolWaits() >= 0) {
                double ratio = BatchingEvidence.ratio(c.toolWaits(), c.ferryEntries());
                v.append(" strace counted ").append(num(c.toolWaits(), 0)).append(" submit/wait calls on ")
                    .append(c.variant()).append(" where Ferry counted ").append(num(c.ferryEntries(), 0))
                    .append(Math.abs(ratio - 1) <= 0.1 ? " (agree within 10 %)" : " (differ by "
                        + num(100 * (ratio - 1), 0) + " %: the windows are not exactly the same)").append(';');
            }
            double share = BatchingEvidence.ratio(c.ferryEntries(), c.toolTotal());
            v.append(" ").append(c.tool()).append(" saw ").append(num(c.toolTotal(), 0)).append(" system calls on ")
                .append(c.variant()).append("'s loop, of which Ferry's kernel entries are ")
                .append(num(100 * share, 0)).append(" %;");
        }
        v.setLength(v.length() - 1);
        return v.append(". Where that share is well under 100 %, the other system calls (reads, writes) are the "
            + "real per-request cost the counters leave out.").toString();
    }

    static String copies(List<ThreadEvidence.Row> threads) {
        Optional<ThreadEvidence.Row> uringSockets = threads.stream()
            .filter(r -> r.workload().startsWith("echo") && Variant.byName(r.variant()).completion()).findFirst();
        String thread = uringSockets.map(r -> {
            double workers = r.share(ThreadEvidence.IOU_WORKERS) + r.share(ThreadEvidence.IOU_SQPOLL);
            return "In this run's socket workload io_uring's kernel threads did " + num(100 * workers, 1) + " % of the "
                + "server's CPU time and the loop " + num(100 * r.share(ThreadEvidence.LOOP), 0) + " %: "
                + (workers < 0.05 ? "the receive copies ran on the loop thread (inside io_uring_enter), not on "
                    + "another thread." : "part of the work did move to another thread.");
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
            double workers = r.share(ThreadEvidence.IOU_WORKERS);
            double pool = r.share(ThreadEvidence.FILE_POOL);
            double loop = r.share(ThreadEvidence.LOOP);
            v.append(r.workload()).append(" on ").append(r.variant()).append(": ");
            if (workers > 0.5) {
                v.append("io_uring's kernel workers did most of the work (").append(num(100 * workers, 0))
                    .append(" %), so io_uring acted as a kernel thread pool");
            } else if (pool > 0.5) {
                v.append("Ferry's blocking pool did most of the work (").append(num(100 * pool, 0)).append(" %)");
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
        return v.append(". So \"async file I/O on one thread\" holds only where the rows above say the loop did the "
            + "work; where kernel workers or the pool did, the waiting moved to other threads.").toString();
    }

    private static double total(MemoryEvidence.Stage s) {
        return s.userBytes() + s.kernelBytes();
    }

    private static String where(double user, double kernel) {
        if (user > 2 * kernel && user > 0) {
            return "went mostly to user space (buffers the backend filled)";
        } else if (kernel > 2 * user && kernel > 0) {
            return "stayed mostly in the kernel";
        }
        return "split between user space and the kernel";
    }

    private static String compare(double high, double low) {
        return high <= low * SAME ? " (about the same)" : " (" + num(high / Math.max(low, 1), 1) + " times as much)";
    }

    private static MemoryEvidence.Row min(List<MemoryEvidence.Row> rows,
                                          java.util.function.ToDoubleFunction<MemoryEvidence.Row> f) {
        return rows.stream().min(Comparator.comparingDouble(f)).orElseThrow();
    }

    private static MemoryEvidence.Row max(List<MemoryEvidence.Row> rows,
                                          java.util.function.ToDoubleFunction<MemoryEvidence.Row> f) {
        return rows.stream().max(Comparator.comparingDouble(f)).orElseThrow();
    }
}
