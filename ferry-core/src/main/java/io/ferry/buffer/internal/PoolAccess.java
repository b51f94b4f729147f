package io.ferry.buffer.internal;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntConsumer;

/**
 * The runtime's way to the operations a {@link BufferPool} keeps package-private because they are not API:
 * binding the owner loop, taking back storage released on other threads, and lending buffers to the kernel's
 * provided-buffer ring.
 *
 * <p>Why method handles: a public method in {@code io.ferry.buffer} would be exported API, and an accessor
 * interface that the package registered here would make the two packages a cycle. A full-privilege lookup
 * into a package of its own module needs no {@code opens}, on the module path and on the class path alike,
 * and the handles are constants, so the JIT inlines each call as if it were direct.
 *
 * <p>Threads: as the pool's methods (the owner loop, except {@link #hasReturns}).
 */
public final class PoolAccess {
    private static final MethodHandles.Lookup POOL = lookupIn(BufferPool.class);
    private static final MethodHandle BIND_OWNER = find(POOL, BufferPool.class, "bindOwner", void.class,
        Thread.class);
    private static final MethodHandle ON_FOREIGN_RETURN = find(POOL, BufferPool.class, "onForeignReturn",
        void.class, Runnable.class);
    private static final MethodHandle HAS_RETURNS = find(POOL, BufferPool.class, "hasReturns", boolean.class);
    private static final MethodHandle DRAIN_RETURNS = find(POOL, BufferPool.class, "drainReturns", int.class);
    private static final MethodHandle LEND = find(POOL, BufferPool.class, "lend", int[].class, int.class,
        IntConsumer.class);
    private static final MethodHandle LENT_ADDRESS = find(POOL, BufferPool.class, "lentAddress", long.class,
        int.class);
    private static final MethodHandle VIEW_LENT = find(POOL, BufferPool.class, "viewLent", Buf.class, int.class,
        int.class);
    private static final MethodHandle UNLEND = find(POOL, BufferPool.class, "unlend", void.class, int.class);
    private static final MethodHandle PIN_LENT = find(POOL, BufferPool.class, "pinLent", void.class, int.class);
    private static final MethodHandle UNPIN_LENT = find(POOL, BufferPool.class, "unpinLent", void.class, int.class);
    private static final MethodHandle SHARES_STORAGE = find(POOL, Buf.class, "sharesStorageWith", boolean.class,
        Buf.class);

    private PoolAccess() {
    }

    /** Makes {@code owner} (the loop thread) the only thread that acquires from {@code pool} and frees directly. */
    public static void bindOwner(BufferPool pool, Thread owner) {
        try {
            BIND_OWNER.invokeExact(pool, owner);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** Sets the wake-up run (on the releasing thread) when storage lands on the pool's empty return stack. */
    public static void onForeignReturn(BufferPool pool, Runnable signal) {
        try {
            ON_FOREIGN_RETURN.invokeExact(pool, signal);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** {@return whether storage released on another thread waits for {@link #drainReturns}} Any thread. */
    public static boolean hasReturns(BufferPool pool) {
        try {
            return (boolean) HAS_RETURNS.invokeExact(pool);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** Takes back storage released on other threads; {@return how many buffers came back} */
    public static int drainReturns(BufferPool pool) {
        try {
            return (int) DRAIN_RETURNS.invokeExact(pool);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /**
     * Lends {@code count} fixed-size buffers, named by id; when a lent buffer's last view is released,
     * {@code onReturn} gets its id on the owner thread instead of the pool taking it back.
     *
     * @return the ids of the lent buffers
     * @throws io.ferry.buffer.PoolExhaustedException when the pool's fixed buffers reach their cap
     */
    public static int[] lend(BufferPool pool, int count, IntConsumer onReturn) {
        try {
            return (int[]) LEND.invokeExact(pool, count, onReturn);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** {@return the native address of lent buffer {@code id}} */
    public static long lentAddress(BufferPool pool, int id) {
        try {
            return (long) LENT_ADDRESS.invokeExact(pool, id);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** {@return a view over lent buffer {@code id} whose first {@code length} bytes are readable} */
    public static Buf viewLent(BufferPool pool, int id, int length) {
        try {
            return (Buf) VIEW_LENT.invokeExact(pool, id, length);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** Gives lent buffer {@code id}, which no view references, back to the pool for good. */
    public static void unlend(BufferPool pool, int id) {
        try {
            UNLEND.invokeExact(pool, id);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /**
     * Keeps lent buffer {@code id} (no view over it) from going home while the kernel still writes into it;
     * views over it may be released meanwhile, on any thread. See {@link #unpinLent}.
     */
    public static void pinLent(BufferPool pool, int id) {
        try {
            PIN_LENT.invokeExact(pool, id);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** Ends {@link #pinLent}: the buffer goes home with its last view, at once if none is left. */
    public static void unpinLent(BufferPool pool, int id) {
        try {
            UNPIN_LENT.invokeExact(pool, id);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    /** {@return whether two live views point into the same storage} */
    public static boolean sharesStorage(Buf a, Buf b) {
        try {
            return (boolean) SHARES_STORAGE.invokeExact(a, b);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    private static MethodHandles.Lookup lookupIn(Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static MethodHandle find(MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> returns,
                                     Class<?>... parameters) {
        try {
            return lookup.findVirtual(owner, name, MethodType.methodType(returns, parameters));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The handles call methods without checked exceptions, so anything thrown is unchecked already. */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
