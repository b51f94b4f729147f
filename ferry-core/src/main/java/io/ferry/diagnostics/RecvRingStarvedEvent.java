package io.ferry.diagnostics;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * An io_uring receive ended with ENOBUFS: every buffer of the loop's provided-buffer ring was held by
 * handlers, so the connection waits (it is not dropped) until one comes back.
 */
@Name("io.ferry.RecvRingStarved")
@Label("Receive Ring Starved")
@Category({"Ferry", "io_uring"})
@Description("A receive on io_uring found no buffer in the loop's provided-buffer ring (ENOBUFS); the connection "
    + "waits for handlers to release received buffers")
@StackTrace(false)
public final class RecvRingStarvedEvent extends Event {
    private static final RecvRingStarvedEvent PROBE = new RecvRingStarvedEvent();

    @Label("Ring Buffers")
    @Description("Buffers the loop lends to the kernel for receiving")
    int ringBuffers;

    @Label("Waiting Connections")
    @Description("Connections of this loop waiting for a receive buffer, this one included")
    int waiting;

    /**
     * Records a starved receive.
     *
     * @param ringBuffers the ring's size
     * @param waiting connections waiting for a buffer, this one included
     */
    public static void emit(int ringBuffers, int waiting) {
        if (PROBE.isEnabled()) {
            RecvRingStarvedEvent e = new RecvRingStarvedEvent();
            e.ringBuffers = ringBuffers;
            e.waiting = waiting;
            e.commit();
        }
    }
}
