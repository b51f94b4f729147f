package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_recvmsg_out}: 16 bytes the kernel writes at the start of each buffer a multishot
 * {@code IORING_OP_RECVMSG} fills, before the name, the control data and the payload.
 *
 * <pre>
 *   0           4             8             12          16            16 + template msg_namelen + msg_controllen
 *   +-----------+-------------+-------------+-----------+---------+---------+---------------------------------
 *   |  namelen  | controllen  | payloadlen  |   flags   |  name   | control | payload ...
 *   +-----------+-------------+-------------+-----------+---------+---------+---------------------------------
 * </pre>
 *
 * <p>{@code namelen} is the sender address's real length, {@code payloadlen} the datagram's bytes as recvmsg
 * returned them (with {@code MSG_TRUNC} in {@code flags} when the buffer cut the datagram).
 */
public final class IoUringRecvmsgOut {
    /** The layout, 16 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_INT.withName("namelen"),
        JAVA_INT.withName("controllen"),
        JAVA_INT.withName("payloadlen"),
        JAVA_INT.withName("flags")).withName("io_uring_recvmsg_out");
    /** Size in bytes; the name follows at this offset. */
    public static final int SIZE = 16;
    /** Offset of {@code namelen}. */
    public static final int NAMELEN = 0;
    /** Offset of {@code controllen}. */
    public static final int CONTROLLEN = 4;
    /** Offset of {@code payloadlen}. */
    public static final int PAYLOADLEN = 8;
    /** Offset of {@code flags}. */
    public static final int FLAGS = 12;

    private IoUringRecvmsgOut() {
    }

    /** {@return the sender address's real length} */
    public static int namelen(MemorySegment buffer) {
        return buffer.get(JAVA_INT, NAMELEN);
    }

    /** {@return the payload's length as recvmsg returned it} */
    public static int payloadlen(MemorySegment buffer) {
        return buffer.get(JAVA_INT, PAYLOADLEN);
    }

    /** {@return recvmsg's {@code msg_flags}: {@link MultiMsg#MSG_TRUNC} when the datagram was cut} */
    public static int flags(MemorySegment buffer) {
        return buffer.get(JAVA_INT, FLAGS);
    }
}
