package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * epoll syscalls and constants (copied from {@code linux/eventpoll.h}). Methods return the C result or
 * {@code -errno}; none throws for an errno.
 *
 * <p>Any thread may call; an epoll instance is normally owned by one event loop. {@code epoll_wait} blocks and is
 * linked without {@code critical}.
 */
public final class Epoll {
    /** Readable. */
    public static final int EPOLLIN = 0x001;
    /** Urgent data. */
    public static final int EPOLLPRI = 0x002;
    /** Writable. */
    public static final int EPOLLOUT = 0x004;
    /** Error (always reported). */
    public static final int EPOLLERR = 0x008;
    /** Hang-up (always reported). */
    public static final int EPOLLHUP = 0x010;
    /** Peer shut down its writing half. */
    public static final int EPOLLRDHUP = 0x2000;
    /** Wake only one of several epoll instances waiting on the same fd. */
    public static final int EPOLLEXCLUSIVE = 1 << 28;
    /** Disarm after one event. */
    public static final int EPOLLONESHOT = 1 << 30;
    /** Edge-triggered: report changes only, so drain until EAGAIN. */
    public static final int EPOLLET = 1 << 31;
    /** epoll_ctl: add a descriptor. */
    public static final int EPOLL_CTL_ADD = 1;
    /** epoll_ctl: remove a descriptor. */
    public static final int EPOLL_CTL_DEL = 2;
    /** epoll_ctl: change the interest of a descriptor. */
    public static final int EPOLL_CTL_MOD = 3;
    /** epoll_create1: close on exec. */
    public static final int EPOLL_CLOEXEC = 02000000;

    private static final MethodHandle MH$epollCreate1 = NativeAccess.libc("epoll_create1",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT), true);
    private static final MethodHandle MH$epollCtl = NativeAccess.libc("epoll_ctl",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), true);
    private static final MethodHandle MH$epollWait = NativeAccess.libc("epoll_wait",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT), false);

    private Epoll() {
    }

    /** epoll_create1(2) with 0 or {@link #EPOLL_CLOEXEC}: a descriptor or -errno. */
    public static int epollCreate1(int flags) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$epollCreate1.invokeExact(cs, flags);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** epoll_ctl(2) with the {@link EpollEvent} at {@code event} (may be 0 for DEL): 0 or -errno. */
    public static int epollCtl(int epfd, int op, int fd, long event) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$epollCtl.invokeExact(cs, epfd, op, fd, event);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /**
     * epoll_wait(2) into {@code maxevents} {@link EpollEvent}s: the number ready (0 on timeout) or -errno
     * (-EINTR on a signal; just call again). A timeout of -1 waits forever, 0 polls.
     */
    public static int epollWait(int epfd, long events, int maxevents, int timeoutMillis) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$epollWait.invokeExact(cs, epfd, events, maxevents, timeoutMillis);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }
}
