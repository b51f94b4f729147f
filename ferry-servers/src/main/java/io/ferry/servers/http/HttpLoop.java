package io.ferry.servers.http;

import io.ferry.loop.EventLoop;
import io.ferry.loop.Timer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What the HTTP connections of one loop share: the scratch {@link HttpRequest} (parsing and routing
 * happen inside one callback, so one suffices), the Date cache, and the timeout sweep. Instead of a
 * timer per request, one timer per loop visits every connection a few times per timeout and lets each
 * compare its deadline with the clock; it runs only while the loop has HTTP connections.
 *
 * <p>Threads: the loop's thread only.
 */
final class HttpLoop {
    private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    final EventLoop loop;
    final HttpLimits limits;
    final Path root;
    final FileSource files;
    /** Shared by every loop of the server. */
    final InputBudget budget;
    /** What this loop's request readers share: one request parsed at a time on a loop. */
    final RequestReader.Shared readers;
    final long headerTimeoutNanos;
    final long idleTimeoutNanos;
    private final long sweepNanos;
    private final Runnable sweepTask = this::sweep;
    private HttpHandler[] handlers = new HttpHandler[16];
    private int count;
    private Timer sweep;

    /**
     * @param files where {@code /files} come from, or null to answer them with 404
     * @param budget the server's input memory budget
     */
    HttpLoop(EventLoop loop, HttpLimits limits, FileSource files, InputBudget budget) {
        this.loop = loop;
        this.budget = budget;
        this.limits = limits;
        this.root = files == null ? null : files.root();
        this.files = files;
        this.readers = new RequestReader.Shared(limits, new HttpHeadParser(limits), new HttpRouter(),
            new HttpRequest(limits.maxHeaders()), new HttpDate(), root);
        this.headerTimeoutNanos = limits.headerTimeout().toNanos();
        this.idleTimeoutNanos = limits.idleTimeout().toNanos();
        long quarter = Math.min(headerTimeoutNanos, idleTimeoutNanos) / 4;
        this.sweepNanos = Math.clamp(quarter, MIN_SWEEP_NANOS, MAX_SWEEP_NANOS);
    }

    void add(HttpHandler h) {
        if (count == handlers.length) {
            handlers = Arrays.copyOf(handlers, count * 2);
        }
        h.slot = count;
        handlers[count++] = h;
        if (sweep == null) {
            sweep = loop.scheduleAtFixedRate(sweepTask, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
        }
    }

    void remove(HttpHandler h) {
        int i = h.slot;
        if (i < 0) {
            return;
        }
        HttpHandler last = handlers[--count];
        handlers[i] = last;
        last.slot = i;
        handlers[count] = null;
        h.slot = -1;
    }

    /** Visits every connection from the last, so one removing itself moves only visited ones. */
    private void sweep() {
        long now = System.nanoTime();
        for (int i = count - 1; i >= 0; i--) {
            if (i < count) {
                handlers[i].checkTimeout(now);
            }
        }
        if (count == 0) {
            sweep.cancel(); // no HTTP connection left on this loop: the next one starts the sweep again
            sweep = null;
        }
    }
}
