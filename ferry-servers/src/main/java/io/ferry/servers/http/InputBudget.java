package io.ferry.servers.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-wide budget of memory all connections together may hold for input they have received but
 * not yet answered: request heads that straddle reads and {@code /echo} bodies as they arrive. A connection
 * takes its share before it acquires such a buffer and gives it back when it releases it, so the budget is
 * never exceeded, not even for a moment; when a take fails, the request that needed it is refused with
 * {@code 503} and {@code Retry-After} (see {@link HttpServer#withInputBudget}). Requests that arrive whole in
 * one read need none of it.
 *
 * <p>Threads: any; one counter shared by every loop of a server.
 */
final class InputBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** @param limit the bytes all connections together may hold */
    InputBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the input budget must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** {@return true when {@code bytes} more fit in the budget, which now counts them} */
    boolean tryTake(long bytes) {
        for (long now = used.get(); ; now = used.get()) {
            if (bytes > limit - now) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives back {@code bytes} taken before. */
    void give(long bytes) {
        used.addAndGet(-bytes);
    }

    /** {@return the bytes taken now} */
    long used() {
        return used.get();
    }

    /** {@return the bytes all connections together may hold} */
    long limit() {
        return limit;
    }
}
