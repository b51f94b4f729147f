package io.ferry.linux;

/**
 * io_uring constants copied from {@code linux/io_uring.h}: setup flags, features, opcodes, SQE flags, per-op flags,
 * CQE flags, ring flags, enter flags, register opcodes and mmap offsets.
 *
 * <p>Each group is checked in {@code IoUringConstantsTest}. The "since" notes give the first kernel with the value.
 */
public final class IoUringConstants {
    // ---- io_uring_setup flags (io_uring_params.flags)
    /** Busy-poll completions (O_DIRECT block devices only). */
    public static final int IORING_SETUP_IOPOLL = 1;
    /** A kernel thread polls the SQ. */
    public static final int IORING_SETUP_SQPOLL = 1 << 1;
    /** sq_thread_cpu is valid. */
    public static final int IORING_SETUP_SQ_AFF = 1 << 2;
    /** cq_entries is given by the application (5.5). */
    public static final int IORING_SETUP_CQSIZE = 1 << 3;
    /** Clamp entries to the maximum instead of failing (5.6). */
    public static final int IORING_SETUP_CLAMP = 1 << 4;
    /** Share the async worker pool of wq_fd (5.6). */
    public static final int IORING_SETUP_ATTACH_WQ = 1 << 5;
    /** Start disabled until IORING_REGISTER_ENABLE_RINGS (5.10). */
    public static final int IORING_SETUP_R_DISABLED = 1 << 6;
    /** Keep submitting a batch after an SQE fails at submission (5.18). */
    public static final int IORING_SETUP_SUBMIT_ALL = 1 << 7;
    /** Run completion task work cooperatively, no IPI (5.19). */
    public static final int IORING_SETUP_COOP_TASKRUN = 1 << 8;
    /** Set IORING_SQ_TASKRUN when task work is pending (5.19). */
    public static final int IORING_SETUP_TASKRUN_FLAG = 1 << 9;
    /** 128-byte SQEs (5.19). */
    public static final int IORING_SETUP_SQE128 = 1 << 10;
    /** 32-byte CQEs (5.19). */
    public static final int IORING_SETUP_CQE32 = 1 << 11;
    /** Only one task submits (6.0). */
    public static final int IORING_SETUP_SINGLE_ISSUER = 1 << 12;
    /** Defer task work to io_uring_enter with GETEVENTS; needs SINGLE_ISSUER (6.1). */
    public static final int IORING_SETUP_DEFER_TASKRUN = 1 << 13;
    /** Application provides the ring memory (6.5). */
    public static final int IORING_SETUP_NO_MMAP = 1 << 14;
    /** Register the ring fd and return its index only (6.5). */
    public static final int IORING_SETUP_REGISTERED_FD_ONLY = 1 << 15;
    /** No SQ index array; SQEs are used in ring order (6.6). */
    public static final int IORING_SETUP_NO_SQARRAY = 1 << 16;

    // ---- io_uring_params.features
    /** SQ and CQ rings share one mmap (5.4). */
    public static final int IORING_FEAT_SINGLE_MMAP = 1;
    /** CQEs are never dropped; overflow is buffered (5.5). */
    public static final int IORING_FEAT_NODROP = 1 << 1;
    /** SQE data is consumed at submission (5.5). */
    public static final int IORING_FEAT_SUBMIT_STABLE = 1 << 2;
    /** Offset -1 means the current file position (5.6). */
    public static final int IORING_FEAT_RW_CUR_POS = 1 << 3;
    /** Requests use the submitter's credentials (5.6). */
    public static final int IORING_FEAT_CUR_PERSONALITY = 1 << 4;
    /** Internal poll instead of async workers for sockets (5.7). */
    public static final int IORING_FEAT_FAST_POLL = 1 << 5;
    /** 32-bit poll events (5.9). */
    public static final int IORING_FEAT_POLL_32BITS = 1 << 6;
    /** SQPOLL works with non-registered files (5.11). */
    public static final int IORING_FEAT_SQPOLL_NONFIXED = 1 << 7;
    /** io_uring_enter takes IORING_ENTER_EXT_ARG (timeouts) (5.11). */
    public static final int IORING_FEAT_EXT_ARG = 1 << 8;
    /** Async workers are native threads (5.12). */
    public static final int IORING_FEAT_NATIVE_WORKERS = 1 << 9;
    /** Resource tags (5.13). */
    public static final int IORING_FEAT_RSRC_TAGS = 1 << 10;
    /** IOSQE_CQE_SKIP_SUCCESS (5.17). */
    public static final int IORING_FEAT_CQE_SKIP = 1 << 11;
    /** Linked requests resolve files in order (5.17). */
    public static final int IORING_FEAT_LINKED_FILE = 1 << 12;
    /** IORING_REGISTER_RING_FDS with the registered ring (6.3). */
    public static final int IORING_FEAT_REG_REG_RING = 1 << 13;
    /** Bundled recv/send (6.10). */
    public static final int IORING_FEAT_RECVSEND_BUNDLE = 1 << 14;
    /** Minimum batch wait timeout (6.12). */
    public static final int IORING_FEAT_MIN_TIMEOUT = 1 << 15;

    // ---- opcodes (io_uring_sqe.opcode)
    /** No operation. */
    public static final int IORING_OP_NOP = 0;
    /** readv. */
    public static final int IORING_OP_READV = 1;
    /** writev. */
    public static final int IORING_OP_WRITEV = 2;
    /** fsync / fdatasync. */
    public static final int IORING_OP_FSYNC = 3;
    /** read into a registered buffer. */
    public static final int IORING_OP_READ_FIXED = 4;
    /** write from a registered buffer. */
    public static final int IORING_OP_WRITE_FIXED = 5;
    /** poll a descriptor. */
    public static final int IORING_OP_POLL_ADD = 6;
    /** remove a poll. */
    public static final int IORING_OP_POLL_REMOVE = 7;
    /** sendmsg. */
    public static final int IORING_OP_SENDMSG = 9;
    /** recvmsg. */
    public static final int IORING_OP_RECVMSG = 10;
    /** timeout. */
    public static final int IORING_OP_TIMEOUT = 11;
    /** remove or update a timeout. */
    public static final int IORING_OP_TIMEOUT_REMOVE = 12;
    /** accept. */
    public static final int IORING_OP_ACCEPT = 13;
    /** cancel a request. */
    public static final int IORING_OP_ASYNC_CANCEL = 14;
    /** timeout for the previous linked request. */
    public static final int IORING_OP_LINK_TIMEOUT = 15;
    /** connect. */
    public static final int IORING_OP_CONNECT = 16;
    /** fallocate. */
    public static final int IORING_OP_FALLOCATE = 17;
    /** openat. */
    public static final int IORING_OP_OPENAT = 18;
    /** close. */
    public static final int IORING_OP_CLOSE = 19;
    /** statx. */
    public static final int IORING_OP_STATX = 21;
    /** read. */
    public static final int IORING_OP_READ = 22;
    /** write. */
    public static final int IORING_OP_WRITE = 23;
    /** send. */
    public static final int IORING_OP_SEND = 26;
    /** recv. */
    public static final int IORING_OP_RECV = 27;
    /** openat2. */
    public static final int IORING_OP_OPENAT2 = 28;
    /** provide buffers (legacy, slower than buffer rings). */
    public static final int IORING_OP_PROVIDE_BUFFERS = 31;
    /** shutdown. */
    public static final int IORING_OP_SHUTDOWN = 34;
    /** unlinkat. */
    public static final int IORING_OP_UNLINKAT = 36;
    /** post a CQE to another ring. */
    public static final int IORING_OP_MSG_RING = 40;
    /** socket. */
    public static final int IORING_OP_SOCKET = 45;
    /** zero-copy send. */
    public static final int IORING_OP_SEND_ZC = 47;
    /** zero-copy sendmsg. */
    public static final int IORING_OP_SENDMSG_ZC = 48;
    /** multishot read (6.7). */
    public static final int IORING_OP_READ_MULTISHOT = 49;
    /** ftruncate (6.9). */
    public static final int IORING_OP_FTRUNCATE = 55;
    /** bind (6.11). */
    public static final int IORING_OP_BIND = 56;
    /** listen (6.11). */
    public static final int IORING_OP_LISTEN = 57;

    // ---- io_uring_sqe.flags
    /** fd is an index into the registered file table. */
    public static final int IOSQE_FIXED_FILE = 1;
    /** Start only after all earlier requests complete. */
    public static final int IOSQE_IO_DRAIN = 1 << 1;
    /** The next SQE starts after this one completes successfully. */
    public static final int IOSQE_IO_LINK = 1 << 2;
    /** Like IO_LINK, but the chain continues on failure. */
    public static final int IOSQE_IO_HARDLINK = 1 << 3;
    /** Always punt to an async worker. */
    public static final int IOSQE_ASYNC = 1 << 4;
    /** Pick a buffer from the provided-buffer group in buf_group. */
    public static final int IOSQE_BUFFER_SELECT = 1 << 5;
    /** Post no CQE on success. */
    public static final int IOSQE_CQE_SKIP_SUCCESS = 1 << 6;

    // ---- per-op flags
    /** fsync_flags: fdatasync semantics. */
    public static final int IORING_FSYNC_DATASYNC = 1;
    /** timeout_flags: absolute time. */
    public static final int IORING_TIMEOUT_ABS = 1;
    /** timeout_flags: update an existing timeout. */
    public static final int IORING_TIMEOUT_UPDATE = 1 << 1;
    /** timeout_flags: CLOCK_BOOTTIME. */
    public static final int IORING_TIMEOUT_BOOTTIME = 1 << 2;
    /** timeout_flags: CLOCK_REALTIME. */
    public static final int IORING_TIMEOUT_REALTIME = 1 << 3;
    /** timeout_flags: expiry completes with res 0 instead of -ETIME. */
    public static final int IORING_TIMEOUT_ETIME_SUCCESS = 1 << 5;
    /** poll len field: multishot poll (5.13). */
    public static final int IORING_POLL_ADD_MULTI = 1;
    /** cancel_flags: cancel all matches (5.19). */
    public static final int IORING_ASYNC_CANCEL_ALL = 1;
    /** cancel_flags: match by fd (5.19). */
    public static final int IORING_ASYNC_CANCEL_FD = 1 << 1;
    /** cancel_flags: match any request (5.19). */
    public static final int IORING_ASYNC_CANCEL_ANY = 1 << 2;
    /** cancel_flags: the fd is a fixed-file index. */
    public static final int IORING_ASYNC_CANCEL_FD_FIXED = 1 << 3;
    /** ioprio for send/recv: poll before the first attempt. */
    public static final int IORING_RECVSEND_POLL_FIRST = 1;
    /** ioprio for recv: multishot (6.0). */
    public static final int IORING_RECV_MULTISHOT = 1 << 1;
    /** ioprio for accept: multishot (5.19). */
    public static final int IORING_ACCEPT_MULTISHOT = 1;
    /** MSG_RING command (in addr): post a CQE with len as res and off as user_data. */
    public static final int IORING_MSG_DATA = 0;
    /** MSG_RING command (in addr): pass a fixed file. */
    public static final int IORING_MSG_SEND_FD = 1;
    /** msg_ring_flags: post no CQE to the target (not for MSG_DATA). */
    public static final int IORING_MSG_RING_CQE_SKIP = 1;
    /** msg_ring_flags: pass the SQE's file_index as the target CQE flags (6.3). */
    public static final int IORING_MSG_RING_FLAGS_PASS = 1 << 1;
    /** file_index value: let the kernel pick a free fixed-file slot. */
    public static final int IORING_FILE_INDEX_ALLOC = ~0;

    // ---- io_uring_cqe.flags
    /** The upper 16 bits hold the id of the provided buffer used. */
    public static final int IORING_CQE_F_BUFFER = 1;
    /** More CQEs will follow for this (multishot) request. */
    public static final int IORING_CQE_F_MORE = 1 << 1;
    /** More data is waiting in the socket after this recv. */
    public static final int IORING_CQE_F_SOCK_NONEMPTY = 1 << 2;
    /** A zero-copy send notification. */
    public static final int IORING_CQE_F_NOTIF = 1 << 3;
    /**
     * The provided buffer named in this CQE is only partly used: the kernel keeps it and later CQEs with the same
     * buffer id carry the bytes that follow (rings registered with {@link #IOU_PBUF_RING_INC}, 6.12).
     */
    public static final int IORING_CQE_F_BUF_MORE = 1 << 4;
    /** Shift to read the buffer id from CQE flags. */
    public static final int IORING_CQE_BUFFER_SHIFT = 16;

    // ---- ring flags
    /** sq flags: an SQPOLL thread sleeps; wake it with IORING_ENTER_SQ_WAKEUP. */
    public static final int IORING_SQ_NEED_WAKEUP = 1;
    /** sq flags: completions overflowed the CQ ring; enter with GETEVENTS to flush. */
    public static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;
    /** sq flags: task work is pending; enter with GETEVENTS to run it. */
    public static final int IORING_SQ_TASKRUN = 1 << 2;
    /** cq flags: suppress eventfd notifications. */
    public static final int IORING_CQ_EVENTFD_DISABLED = 1;

    // ---- io_uring_enter flags
    /** Wait for/flush completions. */
    public static final int IORING_ENTER_GETEVENTS = 1;
    /** Wake the SQPOLL thread. */
    public static final int IORING_ENTER_SQ_WAKEUP = 1 << 1;
    /** Wait for SQ space (SQPOLL). */
    public static final int IORING_ENTER_SQ_WAIT = 1 << 2;
    /** arg is an io_uring_getevents_arg (5.11). */
    public static final int IORING_ENTER_EXT_ARG = 1 << 3;
    /** fd is a registered ring index (5.18). */
    public static final int IORING_ENTER_REGISTERED_RING = 1 << 4;

    // ---- io_uring_register opcodes
    /** Register fixed buffers (iovec array). */
    public static final int IORING_REGISTER_BUFFERS = 0;
    /** Unregister fixed buffers. */
    public static final int IORING_UNREGISTER_BUFFERS = 1;
    /** Register fixed files (int array). */
    public static final int IORING_REGISTER_FILES = 2;
    /** Unregister fixed files. */
    public static final int IORING_UNREGISTER_FILES = 3;
    /** Register an eventfd signalled on completions. */
    public static final int IORING_REGISTER_EVENTFD = 4;
    /** Unregister the eventfd. */
    public static final int IORING_UNREGISTER_EVENTFD = 5;
    /** Fill an io_uring_probe with supported opcodes (5.6). */
    public static final int IORING_REGISTER_PROBE = 8;
    /** Enable a ring set up with R_DISABLED. */
    public static final int IORING_REGISTER_ENABLE_RINGS = 12;
    /** Set the most bounded/unbounded io-wq workers, two u32s in and out (5.15). */
    public static final int IORING_REGISTER_IOWQ_MAX_WORKERS = 19;
    /** Register the ring fd for IORING_ENTER_REGISTERED_RING (5.18). */
    public static final int IORING_REGISTER_RING_FDS = 20;
    /** Unregister ring fds. */
    public static final int IORING_UNREGISTER_RING_FDS = 21;
    /** Register a provided-buffer ring (5.19). */
    public static final int IORING_REGISTER_PBUF_RING = 22;
    /** Unregister a provided-buffer ring. */
    public static final int IORING_UNREGISTER_PBUF_RING = 23;
    /** Read a buffer ring's kernel head (6.8). */
    public static final int IORING_REGISTER_PBUF_STATUS = 26;
    /** io_uring_buf_reg.flags: buffers are consumed incrementally, a receive at a time (6.12). */
    public static final int IOU_PBUF_RING_INC = 2;

    /** io_uring_probe_op.flags: the opcode is supported. */
    public static final int IO_URING_OP_SUPPORTED = 1;

    // ---- mmap offsets
    /** mmap offset of the SQ ring (and of the CQ ring with FEAT_SINGLE_MMAP). */
    public static final long IORING_OFF_SQ_RING = 0L;
    /** mmap offset of the CQ ring. */
    public static final long IORING_OFF_CQ_RING = 0x8000000L;
    /** mmap offset of the SQE array. */
    public static final long IORING_OFF_SQES = 0x10000000L;

    private IoUringConstants() {
    }
}
