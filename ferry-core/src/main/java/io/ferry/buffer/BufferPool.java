package io.ferry.buffer;

import io.ferry.diagnostics.Checks;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Pooled native memory for one event loop: fixed-size buffers (default 16 KiB) and jumbo buffers
 * (default 256 KiB) cut from page-aligned slabs, plus dedicated allocations for anything larger.
 *
 * <p>The first slab of each size comes from one contiguous allocation; each size grows by further
 * slabs up to its cap and then throws {@link PoolExhaustedException} (never blocks). Acquire and
 * release are O(1) and allocate nothing once the view cache is warm.
 *
 * <p>Threads: {@link #acquire} and {@link #stats} belong to the owner thread: the event loop the pool
 * serves, or for a pool of your own, any one thread at a time. Views may be released on any thread:
 * storage freed elsewhere is pushed on a lock-free return stack (bounded by the number of buffers) and
 * taken back by the owner loop on its next iteration.
 *
 * <p>Note: {@link #close()} frees all memory at once. Close a pool only after the kernel can no
 * longer touch any of its buffers (the loop does this after its final completions).
 */
public final class BufferPool implements AutoCloseable {
    /** Slabs are aligned to this, so buffers of page-multiple size are too (O_DIRECT needs it). */
    public static final int PAGE_SIZE = 4096;
    private static final int VIEW_CACHE_MAX = 4096;
    /** Largest page multiple an {@code int} capacity can describe. */
    private static final int MAX_DEDICATED = Integer.MAX_VALUE & -PAGE_SIZE;
    private static final VarHandle RETURN_HEAD;
    private static final VarHandle RETURNED_VIEWS;

    static {
        try {
            RETURN_HEAD = MethodHandles.lookup().findVarHandle(BufferPool.class, "returnHead", Chunk.class);
            RETURNED_VIEWS = MethodHandles.lookup().findVarHandle(BufferPool.class, "returnedViews", Buf.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Arena arena = Arena.ofShared();
    private final SizeClass fixed;
    private final SizeClass jumbo;
    private final boolean reuseViews = !Checks.ENABLED && !LeakDetector.ENABLED;
    private final ChunkHome dedicatedHome = this::freeDedicated;
    private final Duration trimInterval;
    private final Map<Chunk, Arena> dedicatedArenas = new IdentityHashMap<>();
    private Chunk[] lentById = new Chunk[0];
    private Thread owner;
    private Runnable returnSignal = () -> { };
    private Buf viewCache;
    private int viewCacheSize;
    private int dedicatedInUse;
    private long dedicatedBytes;
    private int lentInUse; // owner thread: lent buffers a lender handed out and no view has released yet
    private boolean closed;
    @SuppressWarnings("unused") // accessed through RETURN_HEAD
    private volatile Chunk returnHead;
    /** View objects released on other threads (a virtual thread done with a received buffer), for the cache. */
    @SuppressWarnings("unused") // accessed through RETURNED_VIEWS
    private volatile Buf returnedViews;

    private BufferPool(Builder b) {
        fixed = new SizeClass(this, "buffer", b.bufferSize, b.buffersPerSlab, b.bufferCap);
        jumbo = new SizeClass(this, "jumbo", b.jumboSize, b.jumbosPerSlab, b.jumboCap);
        trimInterval = b.trimInterval;
        long fixedBytes = (long) b.bufferSize * b.buffersPerSlab;
        long jumboBytes = (long) b.jumboSize * b.jumbosPerSlab;
        MemorySegment first = arena.allocate(fixedBytes + jumboBytes, PAGE_SIZE);
        fixed.addFirstSlab(first.asSlice(0, fixedBytes));
        if (jumboBytes > 0) {
            jumbo.addFirstSlab(first.asSlice(fixedBytes, jumboBytes));
        }
    }

    /**
     * {@return how many buffers were garbage-collected without being released since the JVM started} Counted
     * only with {@code -Dferry.leakDetection=true}, which also logs (WARNING, logger {@code io.ferry.buffer.leak})
     * where each leaked buffer was acquired; always 0 without it. Any thread.
     */
    public static long leaksReported() {
        return LeakDetector.leaksReported();
    }

    /** {@return a pool with the defaults: 16 KiB buffers, 256 per slab, 256 KiB jumbo buffers} */
    public static BufferPool create() {
        return builder().build();
    }

    /** {@return a builder starting from the defaults of {@link #create()}} */
    public static Builder builder() {
        return new Builder();
    }

    /** Makes {@code thread} (normally the loop thread) the owner: the only one that acquires and frees directly. */
    void bindOwner(Thread thread) {
        this.owner = thread;
    }

    /**
     * Called (on whichever thread frees it) when storage lands on an empty return stack, so the owner
     * loop can wake up and take it back. Must be cheap and thread-safe; replaces the previous signal.
     */
    void onForeignReturn(Runnable signal) {
        this.returnSignal = signal;
    }

    /** {@return the bytes in a fixed-size buffer} */
    public int bufferSize() {
        return fixed.size();
    }

    /**
     * Gives back the memory a burst took: frees the slabs grown beyond the first that are entirely free, while
     * keeping, per size, the most buffers in use at once since the previous trim plus one slab, so a load that
     * stays does not free and regrow memory every interval. Storage released on other threads is taken back
     * first. Partly used slabs and buffers lent to the kernel are never freed (a long-lived buffer pins its
     * slab). Owner thread; an event loop calls it every {@link #trimInterval()}.
     *
     * @return the bytes freed
     * @throws IllegalStateException when the pool is closed
     */
    public long trim() {
        checkOwner();
        drainReturns();
        return fixed.trim() + jumbo.trim();
    }

    /** {@return how often the event loop that owns this pool calls {@link #trim()}; zero for never} */
    public Duration trimInterval() {
        return trimInterval;
    }

    /** {@return the bytes in a jumbo buffer} */
    public int jumboSize() {
        return jumbo.size();
    }

    /**
     * A buffer of at least {@code minCapacity} bytes, empty (both indexes 0), spanning its whole
     * storage: a fixed-size buffer when it fits, else jumbo, else a dedicated allocation.
     *
     * @param minCapacity the least capacity wanted, from 0 to the largest page multiple an {@code int} holds
     * @return the buffer, with one reference owned by the caller
     * @throws PoolExhaustedException when the size class is at its cap
     * @throws IllegalArgumentException when {@code minCapacity} is out of range
     * @throws IllegalStateException when the pool is closed
     */
    public Buf acquire(int minCapacity) {
        checkOwner();
        if (minCapacity < 0 || minCapacity > MAX_DEDICATED) {
            throw new IllegalArgumentException("capacity " + minCapacity + " outside [0, " + MAX_DEDICATED + "]");
        }
        Chunk c;
        if (minCapacity <= fixed.size()) {
            c = fixed.take();
        } else if (minCapacity <= jumbo.size()) {
            c = jumbo.take();
        } else {
            c = dedicated(minCapacity);
        }
        return view(c, 0, c.capacity(), 0);
    }

    /** {@return a fixed-size buffer: {@code acquire(bufferSize())}} */
    public Buf acquire() {
        return acquire(fixed.size());
    }

    private Chunk dedicated(int capacity) {
        Arena own = Arena.ofShared();
        long size = (capacity + PAGE_SIZE - 1L) & -PAGE_SIZE;
        Chunk c = new Chunk(this, own.allocate(size, PAGE_SIZE), -1, dedicatedHome);
        dedicatedArenas.put(c, own);
        dedicatedInUse++;
        dedicatedBytes += size;
        return c;
    }

    private void freeDedicated(Chunk c) {
        dedicatedInUse--;
        dedicatedBytes -= c.segment.byteSize();
        Arena own = dedicatedArenas.remove(c);
        if (own != null) { // null once close() has freed it
            own.close();
        }
    }

    /**
     * Lends {@code count} fixed-size buffers to a lender, such as the kernel's provided-buffer ring, which names
     * them by id. When the last view over a lent buffer is released, {@code onReturn} gets its id (on the owner
     * thread) instead of the free list taking it back. Give buffers back for good with {@link #unlend}.
     * Reached through {@code io.ferry.buffer.internal.PoolAccess}, as are the other package-private owner methods.
     *
     * @throws PoolExhaustedException when the fixed size class reaches its cap
     */
    int[] lend(int count, IntConsumer onReturn) {
        checkOwner();
        ChunkHome home = chunk -> onReturn.accept(chunk.id);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            Chunk c = fixed.lend(home);
            if (c.id >= lentById.length) {
                lentById = Arrays.copyOf(lentById, Math.max(c.id + 1, lentById.length * 2));
            }
            lentById[c.id] = c;
            ids[i] = c.id;
        }
        return ids;
    }

    /** {@return the native address of lent buffer {@code id}} */
    long lentAddress(int id) {
        return lent(id).address;
    }

    /** A view over lent buffer {@code id} with its first {@code length} bytes readable: the lender hands it out. */
    Buf viewLent(int id, int length) {
        Chunk c = lent(id);
        return view(c, 0, c.capacity(), length);
    }

    /**
     * Keeps lent buffer {@code id}, which no view references, from going home while its lender's kernel still
     * writes into it (an incremental provided-buffer ring): views over it may come and go, even all at once on
     * other threads, without its last release sending it home. Until {@link #unpinLent} its views are not counted
     * in {@link PoolStats#lentInUse()}.
     */
    void pinLent(int id) {
        checkOwner();
        lent(id).addView();
    }

    /**
     * Ends {@link #pinLent}: the buffer counts as in use from now on and goes home with its last view, at once if
     * none is left.
     */
    void unpinLent(int id) {
        checkOwner();
        Chunk c = lent(id);
        lentInUse++; // sendHome takes it off again, now or when the last view goes
        c.removeView();
    }

    /**
     * Returns lent buffer {@code id}, which no view references, to the free list.
     *
     * @throws IllegalArgumentException if this pool did not lend it
     * @throws IllegalStateException if a view still references it
     */
    void unlend(int id) {
        checkOwner();
        Chunk chunk = lent(id);
        if (chunk.views() != 0) {
            throw new IllegalStateException("unlend of buffer " + id + " with " + chunk.views() + " live views");
        }
        lentById[id] = null;
        fixed.unlend(chunk);
    }

    private Chunk lent(int id) {
        Chunk c = id >= 0 && id < lentById.length ? lentById[id] : null;
        if (c == null) {
            throw new IllegalArgumentException("buffer " + id + " is not lent by this pool");
        }
        return c;
    }

    /**
     * A new view over {@code [offset, offset + capacity)} of {@code chunk}, with {@code writeIndex}
     * bytes readable. The view holds one reference; the chunk stays alive until it is released.
     */
    Buf view(Chunk chunk, int offset, int capacity, int writeIndex) {
        if (Checks.ENABLED && (offset < 0 || capacity < 0 || offset > chunk.capacity() - capacity
            || writeIndex < 0 || writeIndex > capacity)) {
            throw new IndexOutOfBoundsException("view [" + offset + ", " + offset + "+" + capacity + ") w="
                + writeIndex + " outside chunk of " + chunk.capacity() + " bytes");
        }
        // A lender (owner thread) hands a lent buffer out, as RecvBufferRing.take does. The plain home
        // checks come before the volatile view count: most views are not of lent chunks.
        if (isLent(chunk) && chunk.views() == 0) {
            lentInUse++;
        }
        Buf b = viewCache;
        if (b != null && onOwnerThread()) {
            viewCache = b.nextFree;
            b.nextFree = null;
            viewCacheSize--;
        } else {
            b = new Buf();
        }
        return b.wrap(chunk, offset, capacity, writeIndex);
    }

    void recycleView(Buf b) {
        if (!reuseViews) {
            return;
        }
        if (onOwnerThread()) {
            cacheView(b);
            return;
        }
        // Another thread: the view object goes home like storage does, so a loop whose buffers are
        // released elsewhere does not allocate a new view per buffer. The loop takes them with its
        // next drainReturns; no wake-up is needed for a cache.
        Buf head;
        do {
            head = (Buf) RETURNED_VIEWS.getVolatile(this);
            b.nextFree = head;
        } while (!RETURNED_VIEWS.compareAndSet(this, head, b));
    }

    private void cacheView(Buf b) {
        if (viewCacheSize < VIEW_CACHE_MAX) {
            b.nextFree = viewCache;
            viewCache = b;
            viewCacheSize++;
        } else {
            b.nextFree = null;
        }
    }

    /** A chunk's last view is gone: send it home now, or via the return stack from other threads. */
    void recycle(Chunk c) {
        if (onOwnerThread()) {
            sendHome(c);
            return;
        }
        Chunk head;
        do {
            head = (Chunk) RETURN_HEAD.getVolatile(this);
            c.next = head;
        } while (!RETURN_HEAD.compareAndSet(this, head, c));
        if (head == null) {
            returnSignal.run();
        }
    }

    /**
     * {@return true when storage released on another thread waits for {@link #drainReturns()}} Any thread;
     * the owner loop reads it after publishing that it is about to sleep, since the release that pushed it
     * may have found the loop awake and skipped the wake-up.
     */
    boolean hasReturns() {
        return RETURN_HEAD.getVolatile(this) != null;
    }

    /**
     * Owner thread: takes back storage (and view objects) released on other threads. Cheap when there
     * is none (two volatile reads); the loop calls it every iteration. Returns how many chunks came back.
     */
    int drainReturns() {
        if (RETURNED_VIEWS.getVolatile(this) != null) {
            Buf v = (Buf) RETURNED_VIEWS.getAndSet(this, (Buf) null);
            while (v != null) {
                Buf next = v.nextFree;
                cacheView(v);
                v = next;
            }
        }
        if (RETURN_HEAD.getVolatile(this) == null) {
            return 0;
        }
        Chunk c = (Chunk) RETURN_HEAD.getAndSet(this, (Chunk) null);
        int n = 0;
        while (c != null) {
            Chunk next = c.next;
            c.next = null;
            sendHome(c);
            c = next;
            n++;
        }
        return n;
    }

    private void sendHome(Chunk c) {
        if (isLent(c)) {
            lentInUse--;
        }
        c.home.returned(c);
    }

    private boolean isLent(Chunk c) {
        return c.home != fixed && c.home != jumbo && c.home != dedicatedHome;
    }

    ByteBuffer sharedNioBuffer(Chunk c) {
        ByteBuffer bb = c.nio;
        if (bb == null) {
            bb = c.segment.asByteBuffer();
            c.nio = bb;
        }
        return bb.clear();
    }

    private boolean onOwnerThread() {
        Thread o = owner;
        return o == null || o == Thread.currentThread();
    }

    private void checkOwner() {
        if (closed) {
            throw new IllegalStateException("buffer pool is closed");
        }
        if (Checks.ENABLED && !onOwnerThread()) {
            throw new IllegalStateException("buffer pool owned by " + owner.getName() + " used from "
                + Thread.currentThread().getName() + "; hand the work to the owning loop");
        }
    }

    /**
     * {@return occupancy counts} Owner thread (or after the loop has stopped): the counters are not atomic.
     * Takes back storage released on other threads first.
     */
    public PoolStats stats() {
        drainReturns();
        return new PoolStats(fixed.size(), fixed.inUse(), fixed.freeCount(), fixed.slabs(),
            jumbo.size(), jumbo.inUse(), jumbo.freeCount(), dedicatedInUse, dedicatedBytes, fixed.lent(), lentInUse,
            fixed.reservedBytes() + jumbo.reservedBytes());
    }

    /** Frees every slab. Buffers still referenced become invalid: close only when none is in use. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            dedicatedArenas.values().forEach(Arena::close);
            dedicatedArenas.clear();
            fixed.close();
            jumbo.close();
            arena.close();
        }
    }

    /** Pool sizes. Sizes must be multiples of {@link #PAGE_SIZE}. */
    public static final class Builder {
        private int bufferSize = 16 * 1024;
        private int buffersPerSlab = 256;
        private int bufferCap = 65_536;
        private int jumboSize = 256 * 1024;
        private int jumbosPerSlab = 8;
        private int jumboCap = 1024;
        private Duration trimInterval = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * Sets how often the owning event loop calls {@link BufferPool#trim()} (default 10 seconds): memory a
         * burst took is given back one to two intervals after the burst ends.
         *
         * @param interval a positive interval, or {@link Duration#ZERO} to never trim
         * @return this builder
         */
        public Builder trimInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("trimInterval must not be negative, was " + interval);
            }
            this.trimInterval = interval;
            return this;
        }

        /**
         * Sets the bytes per fixed-size buffer (default 16 KiB).
         *
         * @param bytes a positive multiple of 4096
         * @return this builder
         */
        public Builder bufferSize(int bytes) {
            this.bufferSize = pageMultiple("bufferSize", bytes);
            return this;
        }

        /**
         * Sets the buffers per slab: the first allocation and each growth step (default 256).
         *
         * @param count a positive count
         * @return this builder
         */
        public Builder buffersPerSlab(int count) {
            this.buffersPerSlab = positive("buffersPerSlab", count);
            return this;
        }

        /**
         * Sets the most fixed-size buffers the pool will ever hold (default 65,536).
         *
         * @param count a positive count
         * @return this builder
         */
        public Builder bufferCap(int count) {
            this.bufferCap = positive("bufferCap", count);
            return this;
        }

        /**
         * Sets the bytes per jumbo buffer (default 256 KiB).
         *
         * @param bytes a positive multiple of 4096, larger than the buffer size
         * @return this builder
         */
        public Builder jumboSize(int bytes) {
            this.jumboSize = pageMultiple("jumboSize", bytes);
            return this;
        }

        /**
         * Sets the jumbo buffers per slab (default 8).
         *
         * @param count a positive count
         * @return this builder
         */
        public Builder jumbosPerSlab(int count) {
            this.jumbosPerSlab = positive("jumbosPerSlab", count);
            return this;
        }

        /**
         * Sets the most jumbo buffers the pool will ever hold (default 1,024).
         *
         * @param count a positive count
         * @return this builder
         */
        public Builder jumboCap(int count) {
            this.jumboCap = positive("jumboCap", count);
            return this;
        }

        /**
         * Allocates the first slab of each size in one page-aligned allocation.
         *
         * @return the pool
         * @throws IllegalArgumentException if the jumbo size does not exceed the buffer size
         */
        public BufferPool build() {
            if (jumboSize <= bufferSize) {
                throw new IllegalArgumentException("jumboSize " + jumboSize + " must exceed bufferSize " + bufferSize);
            }
            buffersPerSlab = Math.min(buffersPerSlab, bufferCap);
            jumbosPerSlab = Math.min(jumbosPerSlab, jumboCap);
            return new BufferPool(this);
        }

        private static int positive(String what, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(what + " must be positive, was " + value);
            }
            return value;
        }

        private static int pageMultiple(String what, int value) {
            if (value <= 0 || value % PAGE_SIZE != 0) {
                throw new IllegalArgumentException(
                    what + " must be a positive multiple of " + PAGE_SIZE + ", was " + value);
            }
            return value;
        }
    }
}
