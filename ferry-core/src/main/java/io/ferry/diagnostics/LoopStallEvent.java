package io.ferry.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * A loop (the event thread) stayed away from the kernel for longer than the threshold: from the moment
 * its wait for I/O returned, through dispatching what it returned, its tasks and its timers, to its next
 * wait. Meanwhile every connection and file on that loop waited. The counts say what the stretch ran;
 * one slow callback among few events points at a handler that blocks or computes too long, and the loop
 * thread's CPU time tells which: near the duration, the loop computed; far below it, the loop blocked in a
 * callback or the operating system did not run it (preempted by other threads on a busy machine).
 *
 * <p>One object per loop, reused stretch after stretch on the loop thread, so timing allocates nothing.
 */
@Name("io.ferry.LoopStall")
@Label("Loop Stall")
@Category({"Ferry", "Loop"})
@Description("A Ferry loop (the event thread) ran callbacks, tasks and timers this long without returning to the "
    + "kernel; every connection on it waited")
@Threshold("20 ms")
@StackTrace(false)
public final class LoopStallEvent extends Event {
    @Label("I/O Events")
    @Description("Completions or readiness events dispatched to connections and files")
    int ioEvents;

    @Label("Tasks")
    @Description("Tasks run: work handed over from other threads, held reads, continuations")
    int tasks;

    @Label("Timers")
    @Description("Timers fired")
    int timers;

    @Label("Loop CPU Time")
    @Description("CPU time the loop thread ran in the stretch; far below the duration, the loop blocked or was "
        + "not scheduled")
    @Timespan
    long cpuTime;

    private transient boolean timing;
    private transient long cpuAtStart;

    /** The loop's wait for I/O returned: starts timing a stretch when a recording wants stalls. */
    public void awoke() {
        if (isEnabled()) {
            begin();
            ioEvents = 0;
            tasks = 0;
            timers = 0;
            cpuAtStart = ThreadCpu.now();
            timing = true;
        }
    }

    /**
     * Counts what the stretch ran; cheap enough to call whether or not it is being timed.
     *
     * @param events I/O events dispatched
     * @param ranTasks tasks run
     * @param firedTimers timers fired
     */
    public void ran(int events, int ranTasks, int firedTimers) {
        ioEvents += events;
        tasks += ranTasks;
        timers += firedTimers;
    }

    /** The loop is about to wait for I/O again: records the stretch if it was longer than the threshold. */
    public void waiting() {
        if (timing) {
            timing = false;
            end();
            if (shouldCommit()) {
                cpuTime = ThreadCpu.now() - cpuAtStart;
                commit();
            }
        }
    }
}
