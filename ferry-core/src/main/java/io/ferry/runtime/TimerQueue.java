package io.ferry.runtime;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap on deadline. Adding and cancelling are O(log n), finding the
 * next deadline O(1). The loop's one blocking call waits at most until that deadline, so no thread
 * and no kernel timer is needed per timer. Loop thread only.
 */
final class TimerQueue {
    private ScheduledTask[] heap = new ScheduledTask[16];
    private int size;

    void add(ScheduledTask t) {
        if (t.isCancelled() || t.heapIndex >= 0) {
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        t.heapIndex = size;
        heap[size++] = t;
        up(t.heapIndex);
    }

    void remove(ScheduledTask t) {
        int i = t.heapIndex;
        if (i < 0) {
            return;
        }
        ScheduledTask last = heap[--size];
        heap[size] = null;
        t.heapIndex = -1;
        if (last != t) {
            heap[i] = last;
            last.heapIndex = i;
            up(i);
            down(last.heapIndex);
        }
    }

    /** Nanoseconds until the earliest deadline (0 if due), or -1 when there is no timer. */
    long nanosUntilNext(long now) {
        return size == 0 ? -1 : Math.max(0, heap[0].deadline - now);
    }

    /** Runs every timer due by {@code now}; returns how many ran. */
    int runDue(long now, LoopThread loop) {
        int ran = 0;
        while (size > 0 && heap[0].deadline - now <= 0) {
            ScheduledTask t = heap[0];
            remove(t);
            if (!t.isCancelled()) {
                loop.runSafely(t.task);
                ran++;
                if (t.periodNanos > 0) {
                    // The next period after this one, or after now when the loop was late: missed periods are
                    // skipped, not run in a burst (and this loop cannot spin on a timer that is always due).
                    long next = t.deadline + t.periodNanos;
                    t.deadline = next - now > 0 ? next : now + t.periodNanos;
                    add(t);
                }
            }
        }
        return ran;
    }

    int size() {
        return size;
    }

    private void up(int i) {
        ScheduledTask t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            ScheduledTask p = heap[parent];
            if (p.deadline - t.deadline <= 0) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void down(int i) {
        ScheduledTask t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadline - heap[child].deadline < 0) {
                child = right;
            }
            if (t.deadline - heap[child].deadline <= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}
