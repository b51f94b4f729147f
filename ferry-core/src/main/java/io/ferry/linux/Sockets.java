package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Socket syscalls through libc. Every method returns the C result or {@code -errno}; none throws for an errno.
 *
 * <p>Pointer arguments are native addresses that the caller keeps alive for the call. Any thread may call. Calls that
 * can block on a blocking-mode socket (accept4, connect, send/recv) are linked without {@code critical}.
 */
public final class Sockets {
    private static final MethodHandle MH$socket = NativeAccess.libc("socket",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), true);
    private static final MethodHandle MH$socketpair = NativeAccess.libc("socketpair",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), true);
    private static final MethodHandle MH$bind = NativeAccess.libc("bind",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT), true);
    private static final MethodHandle MH$listen = NativeAccess.libc("listen",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
    private static final MethodHandle MH$accept4 = NativeAccess.libc("accept4",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT), false);
    private static final MethodHandle MH$connect = NativeAccess.libc("connect",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT), false);
    private static final MethodHandle MH$setsockopt = NativeAccess.libc("setsockopt",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT), true);
    private static final MethodHandle MH$getsockopt = NativeAccess.libc("getsockopt",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), true);
    private static final MethodHandle MH$getsockname = NativeAccess.libc("getsockname",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), true);
    private static final MethodHandle MH$getpeername = NativeAccess.libc("getpeername",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), true);
    private static final MethodHandle MH$shutdown = NativeAccess.libc("shutdown",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
    private static final MethodHandle MH$send = NativeAccess.libc("send",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT), false);
    private static final MethodHandle MH$recv = NativeAccess.libc("recv",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT), false);
    private static final MethodHandle MH$sendmsg = NativeAccess.libc("sendmsg",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT), false);
    private static final MethodHandle MH$recvmsg = NativeAccess.libc("recvmsg",
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT), false);

    private Sockets() {
    }

    /** socket(2): a descriptor or -errno. Or SOCK_NONBLOCK | SOCK_CLOEXEC into {@code type}. */
    public static int socket(int domain, int type, int protocol) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$socket.invokeExact(cs, domain, type, protocol);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** socketpair(2): two ints written at {@code fds}; 0 or -errno. */
    public static int socketpair(int domain, int type, int protocol, long fds) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$socketpair.invokeExact(cs, domain, type, protocol, fds);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** bind(2) to the {@link SockAddr} at {@code addr}: 0 or -errno. */
    public static int bind(int fd, long addr, int addrlen) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$bind.invokeExact(cs, fd, addr, addrlen);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** listen(2): 0 or -errno. */
    public static int listen(int fd, int backlog) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$listen.invokeExact(cs, fd, backlog);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /**
     * accept4(2): the new descriptor or -errno (-EAGAIN when none is pending on a non-blocking socket).
     * {@code addr} and {@code addrlen} (a 4-byte in/out length) may be 0.
     */
    public static int accept4(int fd, long addr, long addrlen, int flags) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$accept4.invokeExact(cs, fd, addr, addrlen, flags);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /**
     * connect(2): 0, or -EINPROGRESS on a non-blocking socket (then wait for writable and read SO_ERROR),
     * or -errno.
     */
    public static int connect(int fd, long addr, int addrlen) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$connect.invokeExact(cs, fd, addr, addrlen);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** setsockopt(2): 0 or -errno. */
    public static int setsockopt(int fd, int level, int name, long value, int len) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$setsockopt.invokeExact(cs, fd, level, name, value, len);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** getsockopt(2) with an in/out 4-byte length at {@code len}: 0 or -errno. */
    public static int getsockopt(int fd, int level, int name, long value, long len) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$getsockopt.invokeExact(cs, fd, level, name, value, len);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** getsockname(2) with an in/out 4-byte length at {@code addrlen}: 0 or -errno. */
    public static int getsockname(int fd, long addr, long addrlen) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$getsockname.invokeExact(cs, fd, addr, addrlen);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** getpeername(2) with an in/out 4-byte length at {@code addrlen}: 0 or -errno. */
    public static int getpeername(int fd, long addr, long addrlen) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$getpeername.invokeExact(cs, fd, addr, addrlen);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** shutdown(2) with SHUT_RD/WR/RDWR: 0 or -errno. */
    public static int shutdown(int fd, int how) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$shutdown.invokeExact(cs, fd, how);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** send(2): bytes sent or -errno. Pass MSG_NOSIGNAL to get -EPIPE instead of SIGPIPE. */
    public static long send(int fd, long buf, long len, int flags) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$send.invokeExact(cs, fd, buf, len, flags);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** recv(2): bytes received, 0 at orderly shutdown, or -errno. */
    public static long recv(int fd, long buf, long len, int flags) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$recv.invokeExact(cs, fd, buf, len, flags);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** sendmsg(2) of the {@link MsgHdr} at {@code msg}: bytes sent or -errno. */
    public static long sendmsg(int fd, long msg, int flags) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$sendmsg.invokeExact(cs, fd, msg, flags);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** recvmsg(2) into the {@link MsgHdr} at {@code msg}: bytes received or -errno. */
    public static long recvmsg(int fd, long msg, int flags) {
        MemorySegment cs = NativeAccess.callState();
        try {
            long r = (long) MH$recvmsg.invokeExact(cs, fd, msg, flags);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /**
     * Sets an {@code int} socket option. Not for hot paths: allocates a 4-byte scratch segment per call.
     *
     * @return 0 or -errno
     */
    public static int setIntOption(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            return setsockopt(fd, level, name, v.address(), 4);
        }
    }

    /**
     * Reads an {@code int} socket option, such as SO_ERROR after a non-blocking connect. Not for hot paths.
     *
     * @return the option value (not negative for the options Ferry reads), or -errno
     */
    public static int getIntOption(int fd, int level, int name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocateFrom(JAVA_INT, 4);
            int r = getsockopt(fd, level, name, v.address(), len.address());
            return r < 0 ? r : v.get(JAVA_INT, 0);
        }
    }
}
