package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct mmsghdr}: 64 bytes on x86_64, one element of the arrays {@code recvmmsg} and {@code sendmmsg}
 * take: a {@link MsgHdr} and the byte count the kernel reports for that message.
 *
 * <pre>
 *   0                                                          56        60    64
 *   +----------------------------------------------------------+---------+-----+
 *   |                  msg_hdr (struct msghdr)                 | msg_len | pad |
 *   +----------------------------------------------------------+---------+-----+
 * </pre>
 */
public final class MMsgHdr {
    /** The layout, 64 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        MsgHdr.LAYOUT.withName("msg_hdr"),
        JAVA_INT.withName("msg_len"),
        MemoryLayout.paddingLayout(4)).withName("mmsghdr");
    /** Size in bytes. */
    public static final int SIZE = 64;
    /** Offset of {@code msg_len}. */
    public static final int MSG_LEN = 56;

    private MMsgHdr() {
    }

    /** {@return the offset of element {@code index} of an mmsghdr array} */
    public static long at(int index) {
        return (long) index * SIZE;
    }

    /**
     * Points element {@code index} at one iovec and a name buffer, flags cleared: ready for recvmmsg (the
     * kernel writes the sender into the name and its length into {@code msg_namelen}) or sendmmsg.
     *
     * @param vec the mmsghdr array
     * @param index the element
     * @param iov the address of its iovec
     * @param name the address of its sockaddr, 0 for none (a connected socket's send)
     * @param namelen the sockaddr's length (the room for recvmmsg)
     */
    public static void set(MemorySegment vec, int index, long iov, long name, int namelen) {
        long at = at(index);
        vec.set(JAVA_LONG, at + MsgHdr.MSG_NAME, name);
        vec.set(JAVA_INT, at + MsgHdr.MSG_NAMELEN, namelen);
        vec.set(JAVA_LONG, at + MsgHdr.MSG_IOV, iov);
        vec.set(JAVA_LONG, at + MsgHdr.MSG_IOVLEN, 1L);
        vec.set(JAVA_LONG, at + MsgHdr.MSG_CONTROL, 0L);
        vec.set(JAVA_LONG, at + MsgHdr.MSG_CONTROLLEN, 0L);
        vec.set(JAVA_INT, at + MsgHdr.MSG_FLAGS, 0);
        vec.set(JAVA_INT, at + MSG_LEN, 0);
    }

    /** {@return {@code msg_len} of element {@code index}: the bytes sent or received} */
    public static int msgLen(MemorySegment vec, int index) {
        return vec.get(JAVA_INT, at(index) + MSG_LEN);
    }

    /** {@return {@code msg_hdr.msg_flags} of element {@code index} (MSG_TRUNC after recvmmsg)} */
    public static int msgFlags(MemorySegment vec, int index) {
        return vec.get(JAVA_INT, at(index) + MsgHdr.MSG_FLAGS);
    }
}
