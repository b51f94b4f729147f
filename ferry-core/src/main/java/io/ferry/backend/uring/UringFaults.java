package io.ferry.backend.uring;

import io.ferry.linux.Errno;
import io.ferry.linux.uring.CompletionVisitor;
import io.ferry.spi.Fault;
import io.ferry.spi.FaultInjector;
import io.ferry.spi.OutboundQueue;

/**
 * The io_uring backend's submissions with a test's {@link FaultInjector} in front. A receive, send or accept
 * the plan fails is never submitted: its completion, {@code -errno} without IORING_CQE_F_MORE, is queued
 * here and delivered with the ring's next completions, through the same code a kernel answer takes. A short
 * send really passes fewer bytes in its SQE. An injected ECONNRESET sets SO_LINGER 0 first, so the close that
 * follows really resets the connection. Exists only when a test gave the backend an injector. Loop thread only.
 *
 * <p>Rewriting a real CQE instead would lie: by then the kernel has already moved the bytes.
 */
final class UringFaults {
    /** More than the operations a loop has in flight in a test; when full, nothing more is failed. */
    private static final int CAPACITY = 1024;
    private final FaultInjector faults;
    private final UringDriver driver;
    private final long[] keys = new long[CAPACITY];
    private final int[] results = new int[CAPACITY];
    private int head;
    private int count;

    UringFaults(UringDriver driver, FaultInjector faults) {
        this.driver = driver;
        this.faults = faults;
    }

    /** Whether the receive about to be submitted for {@code key} on {@code fd} fails instead (it is not submitted). */
    boolean failRecv(int fd, long key) {
        return fail(fd, key, faults.recv());
    }

    /** Whether the send about to be submitted for {@code key} on {@code fd} fails instead (it is not submitted). */
    boolean failSend(int fd, long key) {
        return fail(fd, key, faults.send());
    }

    /** Whether the accept about to be submitted for {@code key} fails instead (it is not submitted). */
    boolean failAccept(long key) {
        return fail(-1, key, faults.accept());
    }

    /**
     * Whether the send of the first {@code n} buffers of {@code out} is cut short: -1 if not, else how many bytes
     * of the first buffer alone it passes (at most what the plan allows of the whole).
     */
    int shortSend(OutboundQueue out, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += out.get(i).readableBytes();
        }
        long allowed = faults.sendLength(total);
        return allowed < total ? (int) Math.min(allowed, out.get(0).readableBytes()) : -1;
    }

    /** Whether this {@code io_uring_enter} fails with EAGAIN instead (then nothing is submitted or reaped). */
    boolean failSubmit() {
        return faults.submit() != Fault.NONE;
    }

    /** Whether failed operations wait for their completion: the loop must not sleep then. */
    boolean pending() {
        return count > 0;
    }

    /** Delivers the completions queued before this call (not those their handling queues): how many. */
    int deliver(CompletionVisitor visitor) {
        int n = count;
        for (int i = 0; i < n; i++) {
            long key = keys[head];
            int res = results[head];
            head = (head + 1) % CAPACITY;
            count--;
            visitor.onCompletion(key, res, 0);
        }
        return n;
    }

    private boolean fail(int fd, long key, Fault fault) {
        if (fault == Fault.NONE || count == CAPACITY) {
            return false;
        }
        if (fault == Fault.RESET) {
            driver.calls.setLingerReset(fd);
        }
        int tail = (head + count) % CAPACITY;
        keys[tail] = key;
        results[tail] = -errno(fault);
        count++;
        return true;
    }

    private static int errno(Fault fault) {
        return switch (fault) {
            case WOULD_BLOCK -> Errno.EAGAIN;
            case RESET -> Errno.ECONNRESET;
            case NO_BUFFERS -> Errno.ENOBUFS;
            case CANCELED -> Errno.ECANCELED;
            case NO_DESCRIPTORS -> Errno.EMFILE;
            case NONE -> 0;
        };
    }
}
