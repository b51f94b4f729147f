package io.ferry.net.blocking;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import io.ferry.buffer.internal.PoolAccess;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.jetbrains.lincheck.Lincheck;

/** Small pieces the model-checked hand-off tests share. */
final class Models {
    private static final VarHandle REQUESTS;

    static {
        try {
            REQUESTS = MethodHandles.privateLookupIn(SocketBridge.class, MethodHandles.lookup())
                .findVarHandle(SocketBridge.class, "requests", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Models() {
    }

    /**
     * Model-checks {@code model} {@code invocations} times with Lincheck, each run with a fresh pool of four 4 KiB
     * buffers owned by the run's thread. The pools are closed after the whole check: Lincheck takes close()'s
     * clearing of a 64-slot map for a livelock.
     */
    static void check(int invocations, Consumer<BufferPool> model) {
        Queue<BufferPool> pools = new ConcurrentLinkedQueue<>();
        try {
            Lincheck.runConcurrentTest(invocations, () -> model.accept(pool(pools)));
        } finally {
            pools.forEach(BufferPool::close);
        }
    }

    private static BufferPool pool(Queue<BufferPool> pools) {
        BufferPool pool = BufferPool.builder().bufferSize(4096).buffersPerSlab(4).bufferCap(4)
            .jumboSize(8192).jumbosPerSlab(1).jumboCap(1).build();
        pools.add(pool);
        PoolAccess.bindOwner(pool, Thread.currentThread());
        return pool;
    }

    /** The request bits a bridge has not yet handed to its loop: what a loop would wake up for. */
    static int pendingRequests(SocketBridge bridge) {
        return (int) REQUESTS.getVolatile(bridge);
    }

    /** A buffer holding the int {@code id}: four readable bytes. */
    static Buf marked(BufferPool pool, int id) {
        return pool.acquire().writeInt(id);
    }

    /** Owner thread, once every other thread is done: true when every buffer came home. */
    static boolean allHome(BufferPool pool) {
        PoolAccess.drainReturns(pool);
        return pool.stats().buffersInUse() == 0;
    }

    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A thread body that may throw checked exceptions. */
    interface Body {
        void run() throws Exception;
    }

    /** A thread that records what its body throws in {@code failures} instead of dying with it. */
    static Thread thread(Queue<Throwable> failures, Body body) {
        return new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        });
    }
}
