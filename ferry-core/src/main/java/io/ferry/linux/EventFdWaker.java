package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The eventfd that other threads wake a sleeping Linux loop with (epoll watches it for readability,
 * io_uring polls it).
 *
 * <p>Threads: {@link #wake()} from any thread; {@link #reset()} and {@link #close()} on the loop thread.
 * Note: {@link #wake()} may race with {@link #close()} and may come long after it (a late wake-up, a
 * second close). A counter of threads inside {@link #wake()} turns negative at close, and close waits
 * for the writers already inside, so no wake-up ever writes to a descriptor number that the kernel
 * may have handed to an unrelated file since.
 */
public final class EventFdWaker implements AutoCloseable {
    private static final MemorySegment ONE = Arena.global().allocateFrom(JAVA_LONG, 1L);

    private final int fd;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment sink = arena.allocate(JAVA_LONG);
    /** Threads inside {@link #wake()}; negative once the eventfd is closed. */
    private final AtomicInteger wakers = new AtomicInteger();

    private EventFdWaker(int fd) {
        this.fd = fd;
    }

    /** A non-blocking, close-on-exec eventfd. Loop thread. */
    public static EventFdWaker open() throws IOException {
        int fd = LibC.eventfd(0, FileConstants.EFD_NONBLOCK | FileConstants.EFD_CLOEXEC);
        if (fd < 0) {
            throw Errno.exception("eventfd", fd);
        }
        return new EventFdWaker(fd);
    }

    /** The descriptor to watch; valid until {@link #close()}. */
    public int fd() {
        return fd;
    }

    /** Makes the eventfd readable. Any thread; does nothing once closed. */
    public void wake() {
        if (wakers.incrementAndGet() > 0) {
            LibC.write(fd, ONE.address(), 8); // EAGAIN: the counter is saturated, a wake-up is pending anyway
        }
        wakers.decrementAndGet();
    }

    /** Clears the counter after a wake-up was seen (EAGAIN when another reset got there first). Loop thread. */
    public void reset() {
        LibC.read(fd, sink.address(), 8);
    }

    /** Gives the descriptor back once no {@link #wake()} is writing it; later wake-ups do nothing. Loop thread. */
    @Override
    public void close() {
        if (wakers.get() < 0) {
            return;
        }
        wakers.addAndGet(Integer.MIN_VALUE);
        while (wakers.get() != Integer.MIN_VALUE) {
            Thread.onSpinWait(); // a wake() is writing the eventfd right now: a few instructions
        }
        LibC.close(fd);
        arena.close();
    }
}
