package io.ferry.linux;

import static io.ferry.linux.IoUringConstants.IORING_ACCEPT_MULTISHOT;
import static io.ferry.linux.IoUringConstants.IORING_ASYNC_CANCEL_ALL;
import static io.ferry.linux.IoUringConstants.IORING_ASYNC_CANCEL_ANY;
import static io.ferry.linux.IoUringConstants.IORING_ASYNC_CANCEL_FD;
import static io.ferry.linux.IoUringConstants.IORING_ASYNC_CANCEL_FD_FIXED;
import static io.ferry.linux.IoUringConstants.IORING_CQE_BUFFER_SHIFT;
import static io.ferry.linux.IoUringConstants.IORING_CQE_F_BUFFER;
import static io.ferry.linux.IoUringConstants.IORING_CQE_F_BUF_MORE;
import static io.ferry.linux.IoUringConstants.IORING_CQE_F_MORE;
import static io.ferry.linux.IoUringConstants.IORING_CQE_F_NOTIF;
import static io.ferry.linux.IoUringConstants.IORING_CQE_F_SOCK_NONEMPTY;
import static io.ferry.linux.IoUringConstants.IORING_CQ_EVENTFD_DISABLED;
import static io.ferry.linux.IoUringConstants.IORING_ENTER_EXT_ARG;
import static io.ferry.linux.IoUringConstants.IORING_ENTER_GETEVENTS;
import static io.ferry.linux.IoUringConstants.IORING_ENTER_REGISTERED_RING;
import static io.ferry.linux.IoUringConstants.IORING_ENTER_SQ_WAIT;
import static io.ferry.linux.IoUringConstants.IORING_ENTER_SQ_WAKEUP;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_CQE_SKIP;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_CUR_PERSONALITY;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_EXT_ARG;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_FAST_POLL;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_LINKED_FILE;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_MIN_TIMEOUT;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_NATIVE_WORKERS;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_NODROP;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_POLL_32BITS;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_RECVSEND_BUNDLE;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_REG_REG_RING;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_RSRC_TAGS;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_RW_CUR_POS;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_SINGLE_MMAP;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_SQPOLL_NONFIXED;
import static io.ferry.linux.IoUringConstants.IORING_FEAT_SUBMIT_STABLE;
import static io.ferry.linux.IoUringConstants.IORING_FILE_INDEX_ALLOC;
import static io.ferry.linux.IoUringConstants.IORING_FSYNC_DATASYNC;
import static io.ferry.linux.IoUringConstants.IORING_MSG_DATA;
import static io.ferry.linux.IoUringConstants.IORING_MSG_RING_CQE_SKIP;
import static io.ferry.linux.IoUringConstants.IORING_OFF_CQ_RING;
import static io.ferry.linux.IoUringConstants.IORING_OFF_SQES;
import static io.ferry.linux.IoUringConstants.IORING_OFF_SQ_RING;
import static io.ferry.linux.IoUringConstants.IORING_OP_ACCEPT;
import static io.ferry.linux.IoUringConstants.IORING_OP_ASYNC_CANCEL;
import static io.ferry.linux.IoUringConstants.IORING_OP_BIND;
import static io.ferry.linux.IoUringConstants.IORING_OP_CLOSE;
import static io.ferry.linux.IoUringConstants.IORING_OP_CONNECT;
import static io.ferry.linux.IoUringConstants.IORING_OP_FALLOCATE;
import static io.ferry.linux.IoUringConstants.IORING_OP_FSYNC;
import static io.ferry.linux.IoUringConstants.IORING_OP_FTRUNCATE;
import static io.ferry.linux.IoUringConstants.IORING_OP_LINK_TIMEOUT;
import static io.ferry.linux.IoUringConstants.IORING_OP_LISTEN;
import static io.ferry.linux.IoUringConstants.IORING_OP_MSG_RING;
import static io.ferry.linux.IoUringConstants.IORING_OP_NOP;
import static io.ferry.linux.IoUringConstants.IORING_OP_OPENAT;
import static io.ferry.linux.IoUringConstants.IORING_OP_OPENAT2;
import static io.ferry.linux.IoUringConstants.IORING_OP_POLL_ADD;
import static io.ferry.linux.IoUringConstants.IORING_OP_POLL_REMOVE;
import static io.ferry.linux.IoUringConstants.IORING_OP_PROVIDE_BUFFERS;
import static io.ferry.linux.IoUringConstants.IORING_OP_READ;
import static io.ferry.linux.IoUringConstants.IORING_OP_READV;
import static io.ferry.linux.IoUringConstants.IORING_OP_READ_FIXED;
import static io.ferry.linux.IoUringConstants.IORING_OP_READ_MULTISHOT;
import static io.ferry.linux.IoUringConstants.IORING_OP_RECV;
import static io.ferry.linux.IoUringConstants.IORING_OP_RECVMSG;
import static io.ferry.linux.IoUringConstants.IORING_OP_SEND;
import static io.ferry.linux.IoUringConstants.IORING_OP_SENDMSG;
import static io.ferry.linux.IoUringConstants.IORING_OP_SENDMSG_ZC;
import static io.ferry.linux.IoUringConstants.IORING_OP_SEND_ZC;
import static io.ferry.linux.IoUringConstants.IORING_OP_SHUTDOWN;
import static io.ferry.linux.IoUringConstants.IORING_OP_SOCKET;
import static io.ferry.linux.IoUringConstants.IORING_OP_STATX;
import static io.ferry.linux.IoUringConstants.IORING_OP_TIMEOUT;
import static io.ferry.linux.IoUringConstants.IORING_OP_TIMEOUT_REMOVE;
import static io.ferry.linux.IoUringConstants.IORING_OP_UNLINKAT;
import static io.ferry.linux.IoUringConstants.IORING_OP_WRITE;
import static io.ferry.linux.IoUringConstants.IORING_OP_WRITEV;
import static io.ferry.linux.IoUringConstants.IORING_OP_WRITE_FIXED;
import static io.ferry.linux.IoUringConstants.IORING_POLL_ADD_MULTI;
import static io.ferry.linux.IoUringConstants.IORING_RECVSEND_POLL_FIRST;
import static io.ferry.linux.IoUringConstants.IORING_RECV_MULTISHOT;
import static io.ferry.linux.IoUringConstants.IORING_REGISTER_BUFFERS;
import static io.ferry.linux.IoUringConstants.IORING_REGISTER_ENABLE_RINGS;
import static io.ferry.linux.IoUringConstants.IORING_REGISTER_EVENTFD;
import static io.ferry.linux.IoUringConstants.IORING_REGISTER_FILES;
import static io.ferry.linux.IoUringConstants.IORING_REGISTER_PBUF_RING;
import static io.ferry.linux.IoUringConstants.IORING_REGISTER_PBUF_STATUS;
import static io.ferry.linux.IoUringConstants.IORING_REGISTER_PROBE;
import static io.ferry.linux.IoUringConstants.IORING_REGISTER_RING_FDS;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_ATTACH_WQ;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_CLAMP;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_COOP_TASKRUN;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_CQE32;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_CQSIZE;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_DEFER_TASKRUN;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_IOPOLL;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_NO_MMAP;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_NO_SQARRAY;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_REGISTERED_FD_ONLY;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_R_DISABLED;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_SINGLE_ISSUER;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_SQE128;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_SQPOLL;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_SQ_AFF;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_SUBMIT_ALL;
import static io.ferry.linux.IoUringConstants.IORING_SETUP_TASKRUN_FLAG;
import static io.ferry.linux.IoUringConstants.IORING_SQ_CQ_OVERFLOW;
import static io.ferry.linux.IoUringConstants.IORING_SQ_NEED_WAKEUP;
import static io.ferry.linux.IoUringConstants.IORING_SQ_TASKRUN;
import static io.ferry.linux.IoUringConstants.IORING_TIMEOUT_ABS;
import static io.ferry.linux.IoUringConstants.IORING_TIMEOUT_ETIME_SUCCESS;
import static io.ferry.linux.IoUringConstants.IORING_UNREGISTER_BUFFERS;
import static io.ferry.linux.IoUringConstants.IORING_UNREGISTER_EVENTFD;
import static io.ferry.linux.IoUringConstants.IORING_UNREGISTER_FILES;
import static io.ferry.linux.IoUringConstants.IORING_UNREGISTER_PBUF_RING;
import static io.ferry.linux.IoUringConstants.IOU_PBUF_RING_INC;
import static io.ferry.linux.IoUringConstants.IORING_UNREGISTER_RING_FDS;
import static io.ferry.linux.IoUringConstants.IOSQE_ASYNC;
import static io.ferry.linux.IoUringConstants.IOSQE_BUFFER_SELECT;
import static io.ferry.linux.IoUringConstants.IOSQE_CQE_SKIP_SUCCESS;
import static io.ferry.linux.IoUringConstants.IOSQE_FIXED_FILE;
import static io.ferry.linux.IoUringConstants.IOSQE_IO_DRAIN;
import static io.ferry.linux.IoUringConstants.IOSQE_IO_HARDLINK;
import static io.ferry.linux.IoUringConstants.IOSQE_IO_LINK;
import static io.ferry.linux.IoUringConstants.IO_URING_OP_SUPPORTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** io_uring constants against the values in linux/io_uring.h, one test per group. */
class IoUringConstantsTest {
    // Purpose: setup flags are bits 0..16 in header order.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchSetupFlags() {
        int[] flags = {IORING_SETUP_IOPOLL, IORING_SETUP_SQPOLL, IORING_SETUP_SQ_AFF, IORING_SETUP_CQSIZE,
            IORING_SETUP_CLAMP, IORING_SETUP_ATTACH_WQ, IORING_SETUP_R_DISABLED, IORING_SETUP_SUBMIT_ALL,
            IORING_SETUP_COOP_TASKRUN, IORING_SETUP_TASKRUN_FLAG, IORING_SETUP_SQE128, IORING_SETUP_CQE32,
            IORING_SETUP_SINGLE_ISSUER, IORING_SETUP_DEFER_TASKRUN, IORING_SETUP_NO_MMAP,
            IORING_SETUP_REGISTERED_FD_ONLY, IORING_SETUP_NO_SQARRAY};
        assertBitsInOrder(flags);
    }

    // Purpose: feature bits are bits 0..15 in header order.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchFeatures() {
        int[] features = {IORING_FEAT_SINGLE_MMAP, IORING_FEAT_NODROP, IORING_FEAT_SUBMIT_STABLE,
            IORING_FEAT_RW_CUR_POS, IORING_FEAT_CUR_PERSONALITY, IORING_FEAT_FAST_POLL, IORING_FEAT_POLL_32BITS,
            IORING_FEAT_SQPOLL_NONFIXED, IORING_FEAT_EXT_ARG, IORING_FEAT_NATIVE_WORKERS, IORING_FEAT_RSRC_TAGS,
            IORING_FEAT_CQE_SKIP, IORING_FEAT_LINKED_FILE, IORING_FEAT_REG_REG_RING, IORING_FEAT_RECVSEND_BUNDLE,
            IORING_FEAT_MIN_TIMEOUT};
        assertBitsInOrder(features);
    }

    // Purpose: opcodes are the enum positions of io_uring_op.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchOpcodes() {
        int[][] expected = {{IORING_OP_NOP, 0}, {IORING_OP_READV, 1}, {IORING_OP_WRITEV, 2}, {IORING_OP_FSYNC, 3},
            {IORING_OP_READ_FIXED, 4}, {IORING_OP_WRITE_FIXED, 5}, {IORING_OP_POLL_ADD, 6},
            {IORING_OP_POLL_REMOVE, 7}, {IORING_OP_SENDMSG, 9}, {IORING_OP_RECVMSG, 10}, {IORING_OP_TIMEOUT, 11},
            {IORING_OP_TIMEOUT_REMOVE, 12}, {IORING_OP_ACCEPT, 13}, {IORING_OP_ASYNC_CANCEL, 14},
            {IORING_OP_LINK_TIMEOUT, 15}, {IORING_OP_CONNECT, 16}, {IORING_OP_FALLOCATE, 17},
            {IORING_OP_OPENAT, 18}, {IORING_OP_CLOSE, 19}, {IORING_OP_STATX, 21}, {IORING_OP_READ, 22},
            {IORING_OP_WRITE, 23}, {IORING_OP_SEND, 26}, {IORING_OP_RECV, 27}, {IORING_OP_OPENAT2, 28},
            {IORING_OP_PROVIDE_BUFFERS, 31}, {IORING_OP_SHUTDOWN, 34}, {IORING_OP_UNLINKAT, 36},
            {IORING_OP_MSG_RING, 40}, {IORING_OP_SOCKET, 45}, {IORING_OP_SEND_ZC, 47}, {IORING_OP_SENDMSG_ZC, 48},
            {IORING_OP_READ_MULTISHOT, 49}, {IORING_OP_FTRUNCATE, 55}, {IORING_OP_BIND, 56},
            {IORING_OP_LISTEN, 57}};
        for (int[] pair : expected) {
            assertEquals(pair[1], pair[0]);
        }
    }

    // Purpose: SQE flags are bits 0..6; per-op flags sit where the kernel reads them.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchSqeAndOpFlags() {
        assertBitsInOrder(new int[] {IOSQE_FIXED_FILE, IOSQE_IO_DRAIN, IOSQE_IO_LINK, IOSQE_IO_HARDLINK,
            IOSQE_ASYNC, IOSQE_BUFFER_SELECT, IOSQE_CQE_SKIP_SUCCESS});
        assertEquals(1, IORING_FSYNC_DATASYNC);
        assertEquals(1, IORING_TIMEOUT_ABS);
        assertEquals(32, IORING_TIMEOUT_ETIME_SUCCESS);
        assertEquals(1, IORING_ACCEPT_MULTISHOT);
        assertEquals(2, IORING_RECV_MULTISHOT);
        assertEquals(1, IORING_RECVSEND_POLL_FIRST);
        assertEquals(1, IORING_POLL_ADD_MULTI);
        assertBitsInOrder(new int[] {IORING_ASYNC_CANCEL_ALL, IORING_ASYNC_CANCEL_FD, IORING_ASYNC_CANCEL_ANY,
            IORING_ASYNC_CANCEL_FD_FIXED});
        assertEquals(0, IORING_MSG_DATA);
        assertEquals(1, IORING_MSG_RING_CQE_SKIP);
        assertEquals(0xFFFFFFFF, IORING_FILE_INDEX_ALLOC);
    }

    // Purpose: CQE flags, ring flags and enter flags.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchCompletionRingAndEnterFlags() {
        assertBitsInOrder(new int[] {IORING_CQE_F_BUFFER, IORING_CQE_F_MORE, IORING_CQE_F_SOCK_NONEMPTY,
            IORING_CQE_F_NOTIF, IORING_CQE_F_BUF_MORE});
        assertEquals(16, IORING_CQE_BUFFER_SHIFT);
        assertBitsInOrder(new int[] {IORING_SQ_NEED_WAKEUP, IORING_SQ_CQ_OVERFLOW, IORING_SQ_TASKRUN});
        assertEquals(1, IORING_CQ_EVENTFD_DISABLED);
        assertBitsInOrder(new int[] {IORING_ENTER_GETEVENTS, IORING_ENTER_SQ_WAKEUP, IORING_ENTER_SQ_WAIT,
            IORING_ENTER_EXT_ARG, IORING_ENTER_REGISTERED_RING});
    }

    // Purpose: register opcodes and mmap offsets.
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void shouldMatchRegisterOpcodesAndMmapOffsets() {
        assertEquals(0, IORING_REGISTER_BUFFERS);
        assertEquals(1, IORING_UNREGISTER_BUFFERS);
        assertEquals(2, IORING_REGISTER_FILES);
        assertEquals(3, IORING_UNREGISTER_FILES);
        assertEquals(4, IORING_REGISTER_EVENTFD);
        assertEquals(5, IORING_UNREGISTER_EVENTFD);
        assertEquals(8, IORING_REGISTER_PROBE);
        assertEquals(12, IORING_REGISTER_ENABLE_RINGS);
        assertEquals(20, IORING_REGISTER_RING_FDS);
        assertEquals(21, IORING_UNREGISTER_RING_FDS);
        assertEquals(22, IORING_REGISTER_PBUF_RING);
        assertEquals(23, IORING_UNREGISTER_PBUF_RING);
        assertEquals(26, IORING_REGISTER_PBUF_STATUS);
        assertEquals(2, IOU_PBUF_RING_INC);
        assertEquals(1, IO_URING_OP_SUPPORTED);
        assertEquals(0L, IORING_OFF_SQ_RING);
        assertEquals(0x8000000L, IORING_OFF_CQ_RING);
        assertEquals(0x10000000L, IORING_OFF_SQES);
    }

    private static void assertBitsInOrder(int[] flags) {
        for (int i = 0; i < flags.length; i++) {
            assertEquals(1 << i, flags[i], "bit " + i);
        }
    }
}
