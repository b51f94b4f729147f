package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct msghdr}: 56 bytes on x86_64, for sendmsg/recvmsg and their io_uring ops.
 *
 * <pre>
 *   0              8            12     16            24            32             40              48          52  56
 *   +--------------+------------+------+-------------+-------------+--------------+---------------+-----------+---+
 *   |   msg_name   |msg_namelen | pad  |   msg_iov   | msg_iovlen  | msg_control  |msg_controllen | msg_flags |pad|
 *   +--------------+------------+------+-------------+-------------+--------------+---------------+-----------+---+
 * </pre>
 */
public final class MsgHdr {
    /** The layout, 56 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_LONG.withName("msg_name"),
        JAVA_INT.withName("msg_namelen"),
        MemoryLayout.paddingLayout(4),
        JAVA_LONG.withName("msg_iov"),
        JAVA_LONG.withName("msg_iovlen"),
        JAVA_LONG.withName("msg_control"),
        JAVA_LONG.withName("msg_controllen"),
        JAVA_INT.withName("msg_flags"),
        MemoryLayout.paddingLayout(4)).withName("msghdr");
    /** Size in bytes. */
    public static final int SIZE = 56;
    /** Offset of {@code msg_name}. */
    public static final int MSG_NAME = 0;
    /** Offset of {@code msg_namelen}. */
    public static final int MSG_NAMELEN = 8;
    /** Offset of {@code msg_iov}. */
    public static final int MSG_IOV = 16;
    /** Offset of {@code msg_iovlen}. */
    public static final int MSG_IOVLEN = 24;
    /** Offset of {@code msg_control}. */
    public static final int MSG_CONTROL = 32;
    /** Offset of {@code msg_controllen}. */
    public static final int MSG_CONTROLLEN = 40;
    /** Offset of {@code msg_flags}. */
    public static final int MSG_FLAGS = 48;

    private MsgHdr() {
    }

    /** Points the header at {@code iovlen} iovecs, with no name and no control data. */
    public static void setIov(MemorySegment msg, long iov, long iovlen) {
        msg.set(JAVA_LONG, MSG_NAME, 0L);
        msg.set(JAVA_INT, MSG_NAMELEN, 0);
        msg.set(JAVA_LONG, MSG_IOV, iov);
        msg.set(JAVA_LONG, MSG_IOVLEN, iovlen);
        msg.set(JAVA_LONG, MSG_CONTROL, 0L);
        msg.set(JAVA_LONG, MSG_CONTROLLEN, 0L);
        msg.set(JAVA_INT, MSG_FLAGS, 0);
    }

    /** Sets {@code msg_name} and {@code msg_namelen} (for datagrams). */
    public static void setName(MemorySegment msg, long name, int namelen) {
        msg.set(JAVA_LONG, MSG_NAME, name);
        msg.set(JAVA_INT, MSG_NAMELEN, namelen);
    }

    /** Reads {@code msg_flags} (set by recvmsg, e.g. MSG_TRUNC). */
    public static int msgFlags(MemorySegment msg) {
        return msg.get(JAVA_INT, MSG_FLAGS);
    }
}
