package io.ferry.spi;

import java.util.Arrays;

/**
 * The in-flight operations of one loop, addressed by a 64-bit key:
 *
 * <pre>
 *   63                 32 31                  0
 *  +---------------------+---------------------+
 *  |     generation      |     slot index      |
 *  +---------------------+---------------------+
 * </pre>
 *
 * The key travels as io_uring {@code user_data} or {@code epoll_data} and comes back with the event.
 * {@link #register}, {@link #get} and {@link #remove} are O(1); slots are reused through a free
 * stack and the table only grows (doubling), so steady state allocates nothing. A slot's generation
 * changes on every release, so an event carrying a stale key is detected ({@link #get} returns null)
 * and never routed to the slot's next owner. Key 0 is never issued: backends may use it for wake-ups.
 *
 * <p>Loop thread only.
 *
 * @param <T> what an operation's completion is dispatched to
 */
public final class OpTable<T> {
    private Object[] ops;
    private int[] generations;
    private int[] freeStack;
    private int freeTop;
    private int inFlight;

    public OpTable(int initialCapacity) {
        int n = Math.max(4, initialCapacity);
        ops = new Object[n];
        generations = new int[n];
        freeStack = new int[n];
        for (int i = 0; i < n; i++) {
            freeStack[i] = n - 1 - i;
            generations[i] = 1;
        }
        freeTop = n;
    }

    /** Stores {@code op} in a free slot and returns its key (never 0). */
    public long register(T op) {
        if (freeTop == 0) {
            grow();
        }
        int slot = freeStack[--freeTop];
        ops[slot] = op;
        inFlight++;
        return key(slot, generations[slot]);
    }

    /** The operation for {@code key}, or null if that slot was released since (a stale key). */
    @SuppressWarnings("unchecked")
    public T get(long key) {
        int slot = (int) key;
        if (slot < 0 || slot >= ops.length || generations[slot] != (int) (key >>> 32)) {
            return null;
        }
        return (T) ops[slot];
    }

    /** Frees the slot of {@code key}; returns its operation, or null if the key was stale. */
    public T remove(long key) {
        T op = get(key);
        if (op != null) {
            int slot = (int) key;
            ops[slot] = null;
            generations[slot] = generations[slot] + 1 == 0 ? 1 : generations[slot] + 1;
            freeStack[freeTop++] = slot;
            inFlight--;
        }
        return op;
    }

    /** Operations registered and not removed. */
    public int inFlight() {
        return inFlight;
    }

    /** Slots the table has room for before it grows. */
    public int capacity() {
        return ops.length;
    }

    private static long key(int slot, int generation) {
        return (long) generation << 32 | (slot & 0xFFFF_FFFFL);
    }

    private void grow() {
        int old = ops.length;
        int n = old * 2;
        ops = Arrays.copyOf(ops, n);
        generations = Arrays.copyOf(generations, n);
        Arrays.fill(generations, old, n, 1);
        freeStack = Arrays.copyOf(freeStack, n);
        for (int i = n - 1; i >= old; i--) {
            freeStack[freeTop++] = i;
        }
    }
}
