package io.ferry.runtime;

import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;

/**
 * The scheduler of virtual threads carried by one event loop's own thread.
 *
 * <p>A virtual thread normally runs on the JDK's carrier pool, so every hand-off with a loop (the
 * loop unparks a reader; the reader asks the loop to send) crosses threads and, on a busy core,
 * costs a context switch each way. Scheduled here, the thread's continuation is just another task
 * in the loop's queue: unpark, run, park and send all happen on one thread with no wake-up syscall,
 * as in a handler. The price is the handler's rule: code on such a thread must not block the
 * carrier (blocking JDK file I/O, long computations) or the whole loop waits.
 *
 * <p>The JDK (25) has no public API for a custom virtual-thread scheduler; the builder that takes
 * one ({@code java.lang.ThreadBuilders.VirtualThreadBuilder(Executor)}) is reached by reflection and
 * needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}. Without it {@link #isAvailable()} is
 * false and {@link #unavailableReason()} says why; callers then use the JDK's scheduler. So does
 * {@code -Dferry.vthreadCarrier=jdk}, for handlers that must block their carrier.
 *
 * <p>A continuation the loop cannot take (it has stopped, or its task queue is full) runs on the
 * common pool instead: a virtual thread may move between carriers, so that is slower, never wrong.
 *
 * <p>Threads: {@link #execute} from any thread.
 */
public final class LoopCarrier implements Executor {
    private static final Constructor<?> BUILDER;
    private static final String UNAVAILABLE;

    static {
        Constructor<?> builder = null;
        String why = null;
        if ("jdk".equals(System.getProperty("ferry.vthreadCarrier"))) {
            why = "virtual threads stay on the JDK's carrier pool (-Dferry.vthreadCarrier=jdk)";
        } else {
            try {
                Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
                builder = c.getDeclaredConstructor(Executor.class);
                builder.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                builder = null;
                why = "virtual threads cannot be carried by event loops (run with --add-opens "
                    + "java.base/java.lang=ALL-UNNAMED): " + e;
            }
        }
        BUILDER = builder;
        UNAVAILABLE = why;
    }

    private final LoopThread loop;

    private LoopCarrier(LoopThread loop) {
        this.loop = loop;
    }

    /** True when this JDK lets virtual threads be scheduled on a loop. */
    public static boolean isAvailable() {
        return BUILDER != null;
    }

    /** Why {@link #isAvailable()} is false, or null. */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** A factory of virtual threads carried by {@code loop}; only when {@link #isAvailable()}. */
    static ThreadFactory threadsOn(LoopThread loop) {
        try {
            Thread.Builder.OfVirtual b = (Thread.Builder.OfVirtual) BUILDER.newInstance(new LoopCarrier(loop));
            return b.name(loop.name() + "-vthread-", 0).factory();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a virtual-thread builder for " + loop.name(), e);
        }
    }

    @Override
    public void execute(Runnable continuation) {
        if (!loop.offer(continuation)) {
            ForkJoinPool.commonPool().execute(continuation);
        }
    }
}
