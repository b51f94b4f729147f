package io.ferry.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sizes and offsets of every struct layout against the x86_64 kernel ABI, numbers taken from the uapi headers. */
class StructLayoutTest {
    // Purpose: io_uring_sqe is 64 bytes with the union fields where the kernel reads them.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchSqeAbi() {
        StructLayout l = IoUringSqe.LAYOUT;
        assertEquals(64, l.byteSize());
        assertOffsets(l, "opcode", 0, "flags", 1, "ioprio", 2, "fd", 4, "off", 8, "addr", 16, "len", 24,
            "op_flags", 28, "user_data", 32, "buf_index", 40, "personality", 42, "file_index", 44, "addr3", 48);
        assertConstants(l, "opcode", IoUringSqe.OPCODE, "flags", IoUringSqe.FLAGS, "ioprio", IoUringSqe.IOPRIO,
            "fd", IoUringSqe.FD, "off", IoUringSqe.OFF, "addr", IoUringSqe.ADDR, "len", IoUringSqe.LEN,
            "op_flags", IoUringSqe.OP_FLAGS, "user_data", IoUringSqe.USER_DATA, "buf_index", IoUringSqe.BUF_INDEX,
            "file_index", IoUringSqe.FILE_INDEX, "addr3", IoUringSqe.ADDR3);
    }

    // Purpose: io_uring_cqe is 16 bytes: user_data, res, flags.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchCqeAbi() {
        assertEquals(16, IoUringCqe.LAYOUT.byteSize());
        assertOffsets(IoUringCqe.LAYOUT, "user_data", 0, "res", 8, "flags", 12);
        assertConstants(IoUringCqe.LAYOUT, "user_data", IoUringCqe.USER_DATA, "res", IoUringCqe.RES,
            "flags", IoUringCqe.FLAGS);
    }

    // Purpose: io_uring_params is 120 bytes with sq_off at 40 and cq_off at 80, each 40 bytes.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchParamsAbi() {
        assertEquals(120, IoUringParams.LAYOUT.byteSize());
        assertEquals(40, IoUringParams.SQ_OFFSETS_LAYOUT.byteSize());
        assertEquals(40, IoUringParams.CQ_OFFSETS_LAYOUT.byteSize());
        assertOffsets(IoUringParams.LAYOUT, "sq_entries", 0, "cq_entries", 4, "flags", 8, "features", 20,
            "wq_fd", 24, "sq_off", 40, "cq_off", 80);
        assertOffsets(IoUringParams.SQ_OFFSETS_LAYOUT, "head", 0, "tail", 4, "ring_mask", 8, "ring_entries", 12,
            "flags", 16, "dropped", 20, "array", 24, "user_addr", 32);
        assertOffsets(IoUringParams.CQ_OFFSETS_LAYOUT, "head", 0, "tail", 4, "ring_mask", 8, "ring_entries", 12,
            "overflow", 16, "cqes", 20, "flags", 24, "user_addr", 32);
        assertConstants(IoUringParams.LAYOUT, "cq_entries", IoUringParams.CQ_ENTRIES, "flags", IoUringParams.FLAGS,
            "features", IoUringParams.FEATURES, "sq_off", IoUringParams.SQ_OFF, "cq_off", IoUringParams.CQ_OFF);
        assertConstants(IoUringParams.SQ_OFFSETS_LAYOUT, "tail", IoUringParams.OFF_TAIL,
            "ring_mask", IoUringParams.OFF_RING_MASK, "ring_entries", IoUringParams.OFF_RING_ENTRIES,
            "flags", IoUringParams.SQ_OFF_FLAGS, "dropped", IoUringParams.SQ_OFF_DROPPED,
            "array", IoUringParams.SQ_OFF_ARRAY);
        assertConstants(IoUringParams.CQ_OFFSETS_LAYOUT, "overflow", IoUringParams.CQ_OFF_OVERFLOW,
            "cqes", IoUringParams.CQ_OFF_CQES, "flags", IoUringParams.CQ_OFF_FLAGS);
    }

    // Purpose: buffer-ring entry 16, buf_reg 40, probe 16 + 8/op, getevents arg 24, rsrc_update 16, timespec 16.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchRegistrationAbi() {
        assertEquals(16, IoUringBuf.LAYOUT.byteSize());
        assertOffsets(IoUringBuf.LAYOUT, "addr", 0, "len", 8, "bid", 12, "resv", 14);
        assertEquals(14, IoUringBuf.RING_TAIL);
        assertEquals(40, IoUringBufReg.LAYOUT.byteSize());
        assertOffsets(IoUringBufReg.LAYOUT, "ring_addr", 0, "ring_entries", 8, "bgid", 12, "flags", 14, "resv", 16);
        assertEquals(16, IoUringProbeLayout.LAYOUT.byteSize());
        assertEquals(8, IoUringProbeLayout.OP_LAYOUT.byteSize());
        assertOffsets(IoUringProbeLayout.OP_LAYOUT, "op", 0, "flags", 2);
        assertEquals(24, IoUringGeteventsArg.LAYOUT.byteSize());
        assertOffsets(IoUringGeteventsArg.LAYOUT, "sigmask", 0, "sigmask_sz", 8, "min_wait_usec", 12, "ts", 16);
        assertEquals(16, IoUringRsrcUpdate.LAYOUT.byteSize());
        assertOffsets(IoUringRsrcUpdate.LAYOUT, "offset", 0, "resv", 4, "data", 8);
        assertEquals(16, KernelTimespec.LAYOUT.byteSize());
        assertOffsets(KernelTimespec.LAYOUT, "tv_sec", 0, "tv_nsec", 8);
    }

    // Purpose: epoll_event is packed to 12 bytes on x86_64 (data at offset 4).
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchEpollEventAbi() {
        assertEquals(12, EpollEvent.LAYOUT.byteSize());
        assertOffsets(EpollEvent.LAYOUT, "events", 0, "data", 4);
    }

    // Purpose: socket and I/O vector structs: sockaddr_in 16, sockaddr_in6 28, iovec 16, msghdr 56, statx 256.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchSocketAndIoAbi() {
        assertEquals(16, SockAddr.IN_LAYOUT.byteSize());
        assertOffsets(SockAddr.IN_LAYOUT, "sin_family", 0, "sin_port", 2, "sin_addr", 4, "sin_zero", 8);
        assertEquals(28, SockAddr.IN6_LAYOUT.byteSize());
        assertOffsets(SockAddr.IN6_LAYOUT, "sin6_family", 0, "sin6_port", 2, "sin6_flowinfo", 4, "sin6_addr", 8,
            "sin6_scope_id", 24);
        assertEquals(16, IoVec.LAYOUT.byteSize());
        assertOffsets(IoVec.LAYOUT, "iov_base", 0, "iov_len", 8);
        assertEquals(56, MsgHdr.LAYOUT.byteSize());
        assertOffsets(MsgHdr.LAYOUT, "msg_name", 0, "msg_namelen", 8, "msg_iov", 16, "msg_iovlen", 24,
            "msg_control", 32, "msg_controllen", 40, "msg_flags", 48);
        assertEquals(MMsgHdr.SIZE, MMsgHdr.LAYOUT.byteSize());
        assertOffsets(MMsgHdr.LAYOUT, "msg_len", MMsgHdr.MSG_LEN);
        assertEquals(IoUringRecvmsgOut.SIZE, IoUringRecvmsgOut.LAYOUT.byteSize());
        assertOffsets(IoUringRecvmsgOut.LAYOUT, "namelen", 0, "controllen", 4, "payloadlen", 8, "flags", 12);
        assertEquals(256, Statx.LAYOUT.byteSize());
        assertOffsets(Statx.LAYOUT, "stx_mask", 0, "stx_blksize", 4, "stx_mode", 28, "stx_ino", 32, "stx_size", 40);
        assertOffsets(Statx.LAYOUT, "stx_mnt_id", 144, "stx_dio_mem_align", 152, "stx_dio_offset_align", 156);
    }

    private static void assertOffsets(MemoryLayout layout, Object... nameOffsetPairs) {
        for (int i = 0; i < nameOffsetPairs.length; i += 2) {
            String name = (String) nameOffsetPairs[i];
            long expected = ((Number) nameOffsetPairs[i + 1]).longValue();
            assertEquals(expected, layout.byteOffset(PathElement.groupElement(name)), layout.name() + "." + name);
        }
    }

    private static void assertConstants(MemoryLayout layout, Object... nameConstantPairs) {
        assertOffsets(layout, nameConstantPairs);
    }
}
