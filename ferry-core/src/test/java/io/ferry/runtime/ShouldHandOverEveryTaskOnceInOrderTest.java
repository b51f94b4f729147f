package io.ferry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ShouldHandOverEveryTaskOnceInOrderTest {
    private static final int PRODUCERS = 4;
    private static final int TASKS = 200_000;

    // Purpose: the loop's task queue, under producers racing for slots in a small ring that is often
    // full, hands every task to the consumer exactly once, and each producer's tasks in the order it
    // offered them.
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDeliverEachTaskOnceInProducerOrder() throws Exception {
        TaskQueue queue = new TaskQueue(64);
        int[] next = new int[PRODUCERS];
        long[] ran = new long[1];
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < TASKS; i++) {
                    int seq = i;
                    Runnable task = () -> {
                        // runs on the consumer thread only, so plain fields are enough
                        assertEquals(next[producer], seq, "producer " + producer + " task out of order or twice");
                        next[producer]++;
                        ran[0]++;
                    };
                    while (!queue.offer(task)) {
                        Thread.onSpinWait(); // full: the consumer will make room
                    }
                }
            }));
        }
        long total = (long) PRODUCERS * TASKS;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (ran[0] < total && System.nanoTime() < deadline) {
            Runnable task = queue.poll();
            if (task != null) {
                task.run();
            }
        }
        for (Thread t : producers) {
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
        assertEquals(total, ran[0], "tasks delivered");
        assertTrue(queue.isEmpty(), "nothing left over");
        for (int p = 0; p < PRODUCERS; p++) {
            assertEquals(TASKS, next[p], "producer " + p);
        }
    }
}
