package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code recvmmsg(2)} and {@code sendmmsg(2)}: many datagrams per system call, over an {@link MMsgHdr} array.
 * Both return the number of messages handled or {@code -errno}; none throws for an errno. Any thread.
 */
public final class MultiMsg {
    /** recvmsg's {@code msg_flags}: the datagram was longer than the buffer and was cut (linux/socket.h). */
    public static final int MSG_TRUNC = 0x20;
    private static final MethodHandle MH$recvmmsg = NativeAccess.libc("recvmmsg",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG), false);
    private static final MethodHandle MH$sendmmsg = NativeAccess.libc("sendmmsg",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT), false);

    private MultiMsg() {
    }

    /**
     * recvmmsg(2) without a timeout: up to {@code vlen} datagrams into the array at {@code vec}.
     *
     * @return datagrams received (each element's {@code msg_len}, {@code msg_namelen} and {@code msg_flags} set),
     *     or -errno (-EAGAIN: none waiting on a non-blocking socket; a pending ICMP error such as -ECONNREFUSED)
     */
    public static int recvmmsg(int fd, long vec, int vlen, int flags) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$recvmmsg.invokeExact(cs, fd, vec, vlen, flags, 0L);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /**
     * sendmmsg(2): up to {@code vlen} datagrams from the array at {@code vec}.
     *
     * @return datagrams sent (fewer than {@code vlen} when the next one failed; ask again to learn why), or
     *     -errno when the first failed (-EAGAIN: the socket buffer is full)
     */
    public static int sendmmsg(int fd, long vec, int vlen, int flags) {
        MemorySegment cs = NativeAccess.callState();
        try {
            int r = (int) MH$sendmmsg.invokeExact(cs, fd, vec, vlen, flags);
            return r < 0 ? -NativeAccess.errno(cs) : r;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }
}
