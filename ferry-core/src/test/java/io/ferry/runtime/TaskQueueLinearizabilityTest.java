package io.ferry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model-checked (Lincheck) hand-over through {@link TaskQueue}: producers offer while the single consumer
 * polls. Every accepted task runs exactly once, in each producer's order; a refused offer (full queue) never
 * runs. A capacity smaller than the offers makes the full path part of every interleaving.
 */
@Timeout(60)
class TaskQueueLinearizabilityTest {
    private static final int INVOCATIONS = 1_000;
    private static final int PRODUCERS = 2;
    private static final int PER_PRODUCER = 3;

    @Test
    void shouldRunEveryAcceptedTaskOnceInProducerOrder() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            TaskQueue queue = new TaskQueue(2); // 4 slots for 6 offers
            List<Integer> ran = new ArrayList<>(); // consumer thread, then this one after join
            boolean[][] accepted = new boolean[PRODUCERS][PER_PRODUCER];
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        int id = producer * PER_PRODUCER + i;
                        accepted[producer][i] = queue.offer(() -> ran.add(id));
                    }
                }));
            }
            threads.add(new Thread(() -> drain(queue, PRODUCERS * PER_PRODUCER)));
            threads.forEach(Thread::start);
            threads.forEach(TaskQueueLinearizabilityTest::join);
            drain(queue, Integer.MAX_VALUE); // what the consumer missed: every claimed slot is published now
            assertTrue(queue.isEmpty(), "empty after the last poll");
            assertNull(queue.poll());

            List<Integer> expected = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                for (int i = 0; i < PER_PRODUCER; i++) {
                    if (accepted[p][i]) {
                        expected.add(p * PER_PRODUCER + i);
                    }
                }
            }
            assertEquals(expected.size(), ran.size(), () -> "ran " + ran + ", accepted " + expected);
            assertTrue(ran.containsAll(expected), () -> "ran " + ran + ", accepted " + expected);
            for (int p = 0; p < PRODUCERS; p++) {
                int last = -1;
                for (int id : ran) {
                    if (id / PER_PRODUCER == p) {
                        assertTrue(id > last, () -> "producer order broken: " + ran);
                        last = id;
                    }
                }
            }
        });
    }

    // The loop's sleep handshake leans on isEmpty(): a producer that claimed a slot and then found the
    // consumer awake must leave a queue the consumer, re-checking after it publishes "sleeping", sees as
    // non-empty (LoopThread.iterate against LoopThread.offer/wakeup).
    @Test
    void shouldNeverLetTheConsumerSleepOnAnOfferedTask() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            TaskQueue queue = new TaskQueue(2);
            SleepFlag flag = new SleepFlag();
            boolean[] slept = new boolean[1];
            Thread consumer = new Thread(() -> {
                flag.sleeping = true;
                slept[0] = queue.isEmpty();
            });
            boolean[] accepted = new boolean[1];
            Thread producer = new Thread(() -> {
                accepted[0] = queue.offer(() -> { });
                if (flag.sleeping) {
                    flag.woken = true;
                }
            });
            consumer.start();
            producer.start();
            join(consumer);
            join(producer);
            assertTrue(accepted[0]);
            assertTrue(!slept[0] || flag.woken, "the consumer slept on a queued task and nobody woke it");
        });
    }

    /** Polls and runs up to {@code limit} tasks; stops at the first empty poll. */
    private static void drain(TaskQueue queue, int limit) {
        for (int n = 0; n < limit; n++) {
            Runnable task = queue.poll();
            if (task == null) {
                return;
            }
            task.run();
        }
    }

    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** LoopThread's "sleeping" flag, and whether a producer woke the sleeper. */
    private static final class SleepFlag {
        volatile boolean sleeping;
        volatile boolean woken;
    }
}
