package io.ferry.buffer;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Debug-mode leak detection: with {@code -Dferry.leakDetection=true} every view records where it was
 * made, and a view that becomes unreachable without being released is reported (System.Logger,
 * WARNING) with that stack trace. Off by default: recording a stack per buffer is slow.
 *
 * <p>Lock-free on the threads that acquire and release (a skip-list set of live records, one daemon
 * thread reading the reference queue). A {@link java.lang.ref.Cleaner} would not do: its list is a
 * monitor, and a virtual thread carried by a loop that waits for a monitor its own loop thread also
 * waits for can never run again (the JDK hands the monitor to the parked virtual thread, whose only
 * carrier is the blocked loop): a loop deadlocked that way in the chaos suite.
 */
final class LeakDetector {
    /** True when {@code -Dferry.leakDetection=true} was given. */
    static final boolean ENABLED = Boolean.getBoolean("ferry.leakDetection");
    private static final System.Logger LOG = System.getLogger("io.ferry.buffer.leak");
    private static final AtomicLong LEAKS = new AtomicLong();
    private static final AtomicLong IDS = new AtomicLong();
    private static final ReferenceQueue<Buf> GONE = new ReferenceQueue<>();
    /** Keeps each record (a phantom reference) reachable until its view is released or collected. */
    private static final ConcurrentSkipListSet<Record> LIVE = new ConcurrentSkipListSet<>();

    static {
        if (ENABLED) {
            Thread.ofPlatform().daemon().name("ferry-leak-detector").start(LeakDetector::reportCollected);
        }
    }

    private LeakDetector() {
    }

    /** {@return how many leaked views were reported since the JVM started} */
    static long leaksReported() {
        return LEAKS.get();
    }

    static Record track(Buf view, Chunk chunk) {
        if (!ENABLED) {
            return null;
        }
        Record record = new Record(view, chunk.capacity(), new Throwable("buffer acquired here"));
        LIVE.add(record);
        return record;
    }

    private static void reportCollected() {
        while (true) {
            try {
                Record r = (Record) GONE.remove();
                if (LIVE.remove(r)) { // still live: its view was collected without release()
                    LEAKS.incrementAndGet();
                    LOG.log(System.Logger.Level.WARNING, "LEAK: a Buf over " + r.capacity
                        + " bytes was garbage-collected without release()", r.origin);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** What a tracked view leaves behind: a phantom reference to it, and where it was made. */
    static final class Record extends PhantomReference<Buf> implements Comparable<Record> {
        private final long id = IDS.incrementAndGet();
        private final int capacity;
        private final Throwable origin;

        Record(Buf view, int capacity, Throwable origin) {
            super(view, GONE);
            this.capacity = capacity;
            this.origin = origin;
        }

        /** The view was released properly: forget it. */
        void close() {
            LIVE.remove(this);
        }

        /** The live set's order: ids are unique, so a record equals only itself, as Object's equals says. */
        @Override
        public int compareTo(Record other) {
            return Long.compare(id, other.id);
        }
    }
}
