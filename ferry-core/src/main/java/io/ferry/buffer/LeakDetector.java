package io.ferry.buffer;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Debug-mode leak detection: with {@code -Dferry.leakDetection=true} every view records where it was
 * made, and a view that becomes unreachable without being released is reported (System.Logger,
 * WARNING) with that stack trace. Off by default: recording a stack per buffer is slow.
 */
public final class LeakDetector {
    /** True when {@code -Dferry.leakDetection=true} was given. */
    public static final boolean ENABLED = Boolean.getBoolean("ferry.leakDetection");
    private static final System.Logger LOG = System.getLogger("io.ferry.buffer.leak");
    private static final AtomicLong LEAKS = new AtomicLong();
    private static final Cleaner CLEANER = ENABLED ? Cleaner.create() : null;

    private LeakDetector() {
    }

    /** How many leaked views were reported since the JVM started. */
    public static long leaksReported() {
        return LEAKS.get();
    }

    static Record track(Buf view, Chunk chunk) {
        if (!ENABLED) {
            return null;
        }
        Record record = new Record(chunk.capacity(), new Throwable("buffer acquired here"));
        record.cleanable = CLEANER.register(view, record);
        return record;
    }

    /** What a tracked view leaves behind: must not reference the view itself. */
    static final class Record implements Runnable {
        private final int capacity;
        private final Throwable origin;
        private Cleaner.Cleanable cleanable;
        private volatile boolean released;

        Record(int capacity, Throwable origin) {
            this.capacity = capacity;
            this.origin = origin;
        }

        /** The view was released properly: forget it. */
        void close() {
            released = true;
            cleanable.clean();
        }

        @Override
        public void run() {
            if (!released) {
                LEAKS.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING,
                    "LEAK: a Buf over " + capacity + " bytes was garbage-collected without release()", origin);
            }
        }
    }
}
