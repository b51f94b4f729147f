package io.ferry.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * {@code struct io_uring_sqe}: one 64-byte submission queue entry.
 *
 * <pre>
 *   0      1      2             4                           8
 *   +------+------+-------------+---------------------------+
 *   |opcode|flags |   ioprio    |            fd             |
 *   +------+------+-------------+---------------------------+  8
 *   |               off / addr2 (file offset)               |
 *   +-------------------------------------------------------+ 16
 *   |                   addr (buffer / iovecs)              |
 *   +---------------------------+---------------------------+ 24
 *   |            len            | op_flags (rw/msg/timeout) |
 *   +---------------------------+---------------------------+ 32
 *   |                       user_data                       |
 *   +-------------+-------------+---------------------------+ 40
 *   |buf_index/grp| personality | file_index / splice_fd_in |
 *   +-------------+-------------+---------------------------+ 48
 *   |                         addr3                         |
 *   +-------------------------------------------------------+ 56
 *   |                         pad2                          |
 *   +-------------------------------------------------------+ 64
 * </pre>
 *
 * <p>The C unions are flattened: {@code op_flags} stands for rw_flags, fsync_flags, poll32_events, msg_flags,
 * timeout_flags, accept_flags, cancel_flags, open_flags, statx_flags, msg_ring_flags...; {@code buf_index} also holds
 * {@code buf_group}; {@code file_index} also holds {@code splice_fd_in} and {@code addr_len}.
 *
 * <p>Accessors take the SQE array segment and the byte offset of one SQE. The uring package's
 * {@code SubmissionEntry} flyweight writes SQEs on the hot path; these static accessors serve tests and tools.
 */
public final class IoUringSqe {
    /** The layout, 64 bytes. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
        JAVA_BYTE.withName("opcode"),
        JAVA_BYTE.withName("flags"),
        JAVA_SHORT.withName("ioprio"),
        JAVA_INT.withName("fd"),
        JAVA_LONG.withName("off"),
        JAVA_LONG.withName("addr"),
        JAVA_INT.withName("len"),
        JAVA_INT.withName("op_flags"),
        JAVA_LONG.withName("user_data"),
        JAVA_SHORT.withName("buf_index"),
        JAVA_SHORT.withName("personality"),
        JAVA_INT.withName("file_index"),
        JAVA_LONG.withName("addr3"),
        JAVA_LONG.withName("pad2")).withName("io_uring_sqe");

    /** Size in bytes. */
    public static final int SIZE = 64;
    /** Offset of {@code opcode} (u8). */
    public static final int OPCODE = 0;
    /** Offset of {@code flags} (u8, IOSQE_*). */
    public static final int FLAGS = 1;
    /** Offset of {@code ioprio} (u16; multishot bits for accept/recv). */
    public static final int IOPRIO = 2;
    /** Offset of {@code fd} (s32). */
    public static final int FD = 4;
    /** Offset of {@code off}/{@code addr2} (u64). */
    public static final int OFF = 8;
    /** Offset of {@code addr} (u64). */
    public static final int ADDR = 16;
    /** Offset of {@code len} (u32). */
    public static final int LEN = 24;
    /** Offset of the per-op flags union (u32). */
    public static final int OP_FLAGS = 28;
    /** Offset of {@code user_data} (u64). */
    public static final int USER_DATA = 32;
    /** Offset of {@code buf_index}/{@code buf_group} (u16). */
    public static final int BUF_INDEX = 40;
    /** Offset of {@code personality} (u16). */
    public static final int PERSONALITY = 42;
    /** Offset of {@code file_index}/{@code splice_fd_in}/{@code addr_len} (u32). */
    public static final int FILE_INDEX = 44;
    /** Offset of {@code addr3} (u64). */
    public static final int ADDR3 = 48;
    /** Offset of the trailing pad (u64). */
    public static final int PAD2 = 56;

    private IoUringSqe() {
    }

    /** Reads {@code opcode}. */
    public static int opcode(MemorySegment sqes, long sqe) {
        return Byte.toUnsignedInt(sqes.get(JAVA_BYTE, sqe + OPCODE));
    }

    /** Reads {@code flags}. */
    public static int flags(MemorySegment sqes, long sqe) {
        return Byte.toUnsignedInt(sqes.get(JAVA_BYTE, sqe + FLAGS));
    }

    /** Reads {@code ioprio}. */
    public static int ioprio(MemorySegment sqes, long sqe) {
        return Short.toUnsignedInt(sqes.get(JAVA_SHORT, sqe + IOPRIO));
    }

    /** Reads {@code fd}. */
    public static int fd(MemorySegment sqes, long sqe) {
        return sqes.get(JAVA_INT, sqe + FD);
    }

    /** Reads {@code off}. */
    public static long off(MemorySegment sqes, long sqe) {
        return sqes.get(JAVA_LONG, sqe + OFF);
    }

    /** Reads {@code addr}. */
    public static long addr(MemorySegment sqes, long sqe) {
        return sqes.get(JAVA_LONG, sqe + ADDR);
    }

    /** Reads {@code len}. */
    public static int len(MemorySegment sqes, long sqe) {
        return sqes.get(JAVA_INT, sqe + LEN);
    }

    /** Reads the per-op flags union. */
    public static int opFlags(MemorySegment sqes, long sqe) {
        return sqes.get(JAVA_INT, sqe + OP_FLAGS);
    }

    /** Reads {@code user_data}. */
    public static long userData(MemorySegment sqes, long sqe) {
        return sqes.get(JAVA_LONG, sqe + USER_DATA);
    }

    /** Reads {@code buf_index}/{@code buf_group}. */
    public static int bufIndex(MemorySegment sqes, long sqe) {
        return Short.toUnsignedInt(sqes.get(JAVA_SHORT, sqe + BUF_INDEX));
    }
}
