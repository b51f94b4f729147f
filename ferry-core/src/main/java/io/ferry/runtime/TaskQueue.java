package io.ferry.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded lock-free multi-producer, single-consumer queue of tasks: an array ring where producers
 * claim a slot by CAS on the tail and publish the element with a release store; the consumer (the
 * loop) reads slots with acquire. A full queue is reported by {@link #offer} returning false.
 *
 * <p>No allocation per element. Capacity is rounded up to a power of two.
 */
final class TaskQueue {
    // Object[] rather than Runnable[]: a store into an Object[] needs no per-element type check.
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(TaskQueue.class, "tail", long.class);
            HEAD = MethodHandles.lookup().findVarHandle(TaskQueue.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] slots;
    private final int mask;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile long tail;
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;

    TaskQueue(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        slots = new Object[size];
        mask = size - 1;
    }

    /** Any thread. False when the queue is full. */
    boolean offer(Runnable task) {
        long t;
        do {
            t = (long) TAIL.getVolatile(this);
            if (t - (long) HEAD.getAcquire(this) >= slots.length) {
                return false;
            }
        } while (!TAIL.compareAndSet(this, t, t + 1));
        SLOTS.setRelease(slots, (int) (t & mask), task);
        return true;
    }

    /** Consumer only. The next task, or null when none is published yet. */
    Runnable poll() {
        long h = (long) HEAD.getOpaque(this);
        int i = (int) (h & mask);
        Runnable task = (Runnable) SLOTS.getAcquire(slots, i);
        if (task == null) {
            return null;
        }
        SLOTS.setOpaque(slots, i, null);
        HEAD.setRelease(this, h + 1);
        return task;
    }

    /** Any thread. Tasks claimed and not yet taken (an estimate while producers run). */
    int size() {
        return (int) ((long) TAIL.getVolatile(this) - (long) HEAD.getVolatile(this));
    }

    /** True when no task has been claimed (a producer mid-publish counts as non-empty). */
    boolean isEmpty() {
        return (long) TAIL.getVolatile(this) == (long) HEAD.getVolatile(this);
    }
}
