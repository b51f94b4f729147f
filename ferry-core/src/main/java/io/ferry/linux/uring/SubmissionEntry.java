package io.ferry.linux.uring;

import static io.ferry.linux.IoUringConstants.IORING_ACCEPT_MULTISHOT;
import static io.ferry.linux.IoUringConstants.IORING_ASYNC_CANCEL_FD;
import static io.ferry.linux.IoUringConstants.IORING_MSG_DATA;
import static io.ferry.linux.IoUringConstants.IORING_OP_ACCEPT;
import static io.ferry.linux.IoUringConstants.IORING_OP_ASYNC_CANCEL;
import static io.ferry.linux.IoUringConstants.IORING_OP_CLOSE;
import static io.ferry.linux.IoUringConstants.IORING_OP_CONNECT;
import static io.ferry.linux.IoUringConstants.IORING_OP_FSYNC;
import static io.ferry.linux.IoUringConstants.IORING_OP_LINK_TIMEOUT;
import static io.ferry.linux.IoUringConstants.IORING_OP_MSG_RING;
import static io.ferry.linux.IoUringConstants.IORING_OP_NOP;
import static io.ferry.linux.IoUringConstants.IORING_OP_OPENAT;
import static io.ferry.linux.IoUringConstants.IORING_OP_POLL_ADD;
import static io.ferry.linux.IoUringConstants.IORING_OP_READ;
import static io.ferry.linux.IoUringConstants.IORING_OP_READV;
import static io.ferry.linux.IoUringConstants.IORING_OP_READ_FIXED;
import static io.ferry.linux.IoUringConstants.IORING_OP_RECV;
import static io.ferry.linux.IoUringConstants.IORING_OP_RECVMSG;
import static io.ferry.linux.IoUringConstants.IORING_OP_SEND;
import static io.ferry.linux.IoUringConstants.IORING_OP_SENDMSG;
import static io.ferry.linux.IoUringConstants.IORING_OP_SHUTDOWN;
import static io.ferry.linux.IoUringConstants.IORING_OP_STATX;
import static io.ferry.linux.IoUringConstants.IORING_OP_TIMEOUT;
import static io.ferry.linux.IoUringConstants.IORING_OP_WRITE;
import static io.ferry.linux.IoUringConstants.IORING_OP_WRITEV;
import static io.ferry.linux.IoUringConstants.IORING_OP_WRITE_FIXED;
import static io.ferry.linux.IoUringConstants.IORING_POLL_ADD_MULTI;
import static io.ferry.linux.IoUringConstants.IORING_RECV_MULTISHOT;
import static io.ferry.linux.IoUringConstants.IOSQE_BUFFER_SELECT;
import static io.ferry.linux.IoUringConstants.IOSQE_IO_LINK;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.ferry.linux.IoUringSqe;
import java.lang.foreign.MemorySegment;

/**
 * A flyweight over one SQE slot of an {@link IoUring}, with liburing-style {@code prepXxx} helpers.
 *
 * <p>Get it from {@link IoUring#sqe(int)} right after {@link IoUring#nextSqe()}; the ring re-points its single
 * instance at each call, so nothing is allocated per operation and a reference is valid only until the next
 * {@code sqe(...)} call. Each {@code prepXxx} writes every field of the SQE (so stale data from a previous use never
 * leaks through) and resets {@code user_data} to 0; set {@link #userData(long)} and any extra {@link #flags(int)}
 * after the prep call.
 *
 * <p>Addresses are native addresses ({@code MemorySegment.address()}). The memory they name belongs to the caller
 * and must stay valid until the operation's final CQE arrives (not just until submission).
 *
 * <p>Each prep documents the CQE it yields: <b>Returns</b> (meaning of a non-negative {@code res}),
 * <b>Errors</b> (typical {@code -errno} results), <b>Notes</b>, and the first kernel that supports it.
 *
 * <p>Thread: the ring's owner thread only.
 */
public final class SubmissionEntry {
    private final MemorySegment sqes;
    private long base;

    SubmissionEntry(MemorySegment sqes) {
        this.sqes = sqes;
    }

    SubmissionEntry wrap(int index) {
        this.base = (long) index * IoUringSqe.SIZE;
        return this;
    }

    /** Returns the SQE index this flyweight points at. */
    public int index() {
        return (int) (base / IoUringSqe.SIZE);
    }

    // ---------------------------------------------------------------- field setters

    /** Sets {@code user_data}, returned unchanged in the CQE (the OpTable's slot and generation). */
    public SubmissionEntry userData(long userData) {
        sqes.set(JAVA_LONG, base + IoUringSqe.USER_DATA, userData);
        return this;
    }

    /** Ors IOSQE_* bits into {@code flags}. */
    public SubmissionEntry flags(int iosqeFlags) {
        byte old = sqes.get(JAVA_BYTE, base + IoUringSqe.FLAGS);
        sqes.set(JAVA_BYTE, base + IoUringSqe.FLAGS, (byte) (old | iosqeFlags));
        return this;
    }

    /** Links the next SQE to this one (IOSQE_IO_LINK): it starts only if this one succeeds. */
    public SubmissionEntry link() {
        return flags(IOSQE_IO_LINK);
    }

    /** Ors bits into {@code ioprio} (multishot and poll-first bits for accept/recv/send). */
    public SubmissionEntry ioprio(int bits) {
        short old = sqes.get(JAVA_SHORT, base + IoUringSqe.IOPRIO);
        sqes.set(JAVA_SHORT, base + IoUringSqe.IOPRIO, (short) (old | bits));
        return this;
    }

    /** Selects a provided buffer from group {@code bufGroup} (IOSQE_BUFFER_SELECT + {@code buf_group}). */
    public SubmissionEntry bufferSelect(int bufGroup) {
        sqes.set(JAVA_SHORT, base + IoUringSqe.BUF_INDEX, (short) bufGroup);
        return flags(IOSQE_BUFFER_SELECT);
    }

    /** Sets {@code file_index} (direct descriptors for accept/open; IORING_FILE_INDEX_ALLOC to let the kernel pick). */
    public SubmissionEntry fileIndex(int fileIndex) {
        sqes.set(JAVA_INT, base + IoUringSqe.FILE_INDEX, fileIndex);
        return this;
    }

    // ---------------------------------------------------------------- prep helpers

    /**
     * Prepares a no-op. <b>Returns:</b> 0. <b>Notes:</b> useful to test the ring and to wake it. Since kernel 5.1.
     */
    public SubmissionEntry prepNop() {
        return rw(IORING_OP_NOP, -1, 0L, 0, 0L);
    }

    /**
     * Prepares read(2) of up to {@code len} bytes at file {@code offset} into {@code buf}.
     * <b>Returns:</b> bytes read, 0 at end of file. <b>Errors:</b> -EBADF, -EFAULT, -EINVAL (O_DIRECT misalignment).
     * <b>Notes:</b> offset -1 reads at the file position (IORING_FEAT_RW_CUR_POS). Since kernel 5.6.
     */
    public SubmissionEntry prepRead(int fd, long buf, int len, long offset) {
        return rw(IORING_OP_READ, fd, buf, len, offset);
    }

    /**
     * Prepares write(2) of {@code len} bytes from {@code buf} at file {@code offset}.
     * <b>Returns:</b> bytes written (may be short). <b>Errors:</b> -EBADF, -ENOSPC, -EPIPE, -EFBIG.
     * <b>Notes:</b> offset -1 writes at the file position. Since kernel 5.6.
     */
    public SubmissionEntry prepWrite(int fd, long buf, int len, long offset) {
        return rw(IORING_OP_WRITE, fd, buf, len, offset);
    }

    /**
     * Prepares readv(2) into {@code nrVecs} iovecs at {@code iovecs}. <b>Returns:</b> bytes read.
     * <b>Errors:</b> as read. <b>Notes:</b> the iovec array must stay valid until the CQE. Since kernel 5.1.
     */
    public SubmissionEntry prepReadv(int fd, long iovecs, int nrVecs, long offset) {
        return rw(IORING_OP_READV, fd, iovecs, nrVecs, offset);
    }

    /**
     * Prepares writev(2), the gathered write, from {@code nrVecs} iovecs. <b>Returns:</b> bytes written (may be short;
     * resubmit the rest). <b>Errors:</b> as write. Since kernel 5.1.
     */
    public SubmissionEntry prepWritev(int fd, long iovecs, int nrVecs, long offset) {
        return rw(IORING_OP_WRITEV, fd, iovecs, nrVecs, offset);
    }

    /**
     * Prepares a read into registered buffer {@code bufIndex} ({@link IoUring#registerBuffers}); {@code buf} must lie
     * inside that buffer. <b>Returns:</b> bytes read. <b>Errors:</b> -EFAULT when outside the registered range.
     * <b>Notes:</b> saves the per-I/O page pinning; good with O_DIRECT. Since kernel 5.1.
     */
    public SubmissionEntry prepReadFixed(int fd, long buf, int len, long offset, int bufIndex) {
        rw(IORING_OP_READ_FIXED, fd, buf, len, offset);
        sqes.set(JAVA_SHORT, base + IoUringSqe.BUF_INDEX, (short) bufIndex);
        return this;
    }

    /**
     * Prepares a write from registered buffer {@code bufIndex}. <b>Returns:</b> bytes written. <b>Errors:</b> -EFAULT
     * when outside the registered range. Since kernel 5.1.
     */
    public SubmissionEntry prepWriteFixed(int fd, long buf, int len, long offset, int bufIndex) {
        rw(IORING_OP_WRITE_FIXED, fd, buf, len, offset);
        sqes.set(JAVA_SHORT, base + IoUringSqe.BUF_INDEX, (short) bufIndex);
        return this;
    }

    /**
     * Prepares send(2) of {@code len} bytes. <b>Returns:</b> bytes sent (may be short). <b>Errors:</b> -EPIPE,
     * -ECONNRESET, -ENOTCONN. <b>Notes:</b> pass MSG_NOSIGNAL to avoid SIGPIPE. Since kernel 5.6.
     */
    public SubmissionEntry prepSend(int fd, long buf, int len, int msgFlags) {
        rw(IORING_OP_SEND, fd, buf, len, 0L);
        return opFlags(msgFlags);
    }

    /**
     * Prepares sendmsg(2) of the {@link io.ferry.linux.MsgHdr} at {@code msghdr} (gathered send).
     * <b>Returns:</b> bytes sent. <b>Errors:</b> as send. <b>Notes:</b> the msghdr and its iovecs must stay valid until
     * the CQE. Since kernel 5.3.
     */
    public SubmissionEntry prepSendmsg(int fd, long msghdr, int msgFlags) {
        rw(IORING_OP_SENDMSG, fd, msghdr, 1, 0L);
        return opFlags(msgFlags);
    }

    /**
     * Prepares recvmsg(2) into the {@link io.ferry.linux.MsgHdr} at {@code msghdr}. <b>Returns:</b> bytes received,
     * 0 at orderly shutdown. Since kernel 5.3.
     */
    public SubmissionEntry prepRecvmsg(int fd, long msghdr, int msgFlags) {
        rw(IORING_OP_RECVMSG, fd, msghdr, 1, 0L);
        return opFlags(msgFlags);
    }

    /**
     * Prepares a multishot recvmsg that receives one datagram per buffer of provided-buffer group {@code bufGroup},
     * taking the name and control sizes from the {@link io.ferry.linux.MsgHdr} template at {@code msghdr} (its
     * iovec is ignored). <b>Returns:</b> one CQE per datagram: the bytes written into the buffer, which begins with
     * an {@link io.ferry.linux.IoUringRecvmsgOut} header, then the name (template {@code msg_namelen} bytes), the
     * control data, the payload; IORING_CQE_F_BUFFER with the id in {@code flags >>> 16}; IORING_CQE_F_MORE while
     * armed. <b>Errors:</b> -ENOBUFS (group ran dry, the request ends), -ECONNREFUSED on a connected UDP socket
     * after an ICMP port unreachable (ends), -ECANCELED. <b>Notes:</b> the kernel copies the template at
     * submission. Since kernel 6.0.
     */
    public SubmissionEntry prepRecvmsgMultishot(int fd, long msghdr, int bufGroup, int msgFlags) {
        prepRecvmsg(fd, msghdr, msgFlags);
        ioprio(IORING_RECV_MULTISHOT);
        return bufferSelect(bufGroup);
    }

    /**
     * Prepares recv(2) of up to {@code len} bytes into {@code buf}. <b>Returns:</b> bytes received, 0 when the peer
     * shut down. <b>Errors:</b> -ECONNRESET, -ENOTCONN, -ECANCELED after a cancel. <b>Notes:</b> for a kernel-chosen
     * buffer pass {@code buf = 0, len = 0} and call {@link #bufferSelect(int)}. Since kernel 5.6.
     */
    public SubmissionEntry prepRecv(int fd, long buf, int len, int msgFlags) {
        rw(IORING_OP_RECV, fd, buf, len, 0L);
        return opFlags(msgFlags);
    }

    /**
     * Prepares a multishot recv that keeps receiving into buffers from provided-buffer group {@code bufGroup}.
     * <b>Returns:</b> one CQE per receive: bytes received, IORING_CQE_F_BUFFER with the buffer id in
     * {@code flags >>> 16}, and IORING_CQE_F_MORE while armed. <b>Errors:</b> -ENOBUFS when the group ran dry (the
     * request ends: replenish, then re-arm), -ECANCELED after cancel. <b>Notes:</b> a CQE without F_MORE ends the
     * request; {@code res == 0} means the peer shut down. Since kernel 6.0.
     */
    public SubmissionEntry prepRecvMultishot(int fd, int bufGroup, int msgFlags) {
        prepRecv(fd, 0L, 0, msgFlags);
        ioprio(IORING_RECV_MULTISHOT);
        return bufferSelect(bufGroup);
    }

    /**
     * Prepares accept4(2). {@code addr}/{@code addrLen} (a sockaddr buffer and its in/out 4-byte length) may be 0.
     * <b>Returns:</b> the new descriptor. <b>Errors:</b> -EMFILE/-ENFILE (out of descriptors: back off),
     * -ECANCELED. Since kernel 5.5.
     */
    public SubmissionEntry prepAccept(int fd, long addr, long addrLen, int acceptFlags) {
        rw(IORING_OP_ACCEPT, fd, addr, 0, addrLen);
        return opFlags(acceptFlags);
    }

    /**
     * Prepares a multishot accept: one CQE per accepted connection while IORING_CQE_F_MORE is set.
     * <b>Returns:</b> a new descriptor per CQE. <b>Errors:</b> -EMFILE ends the request; re-arm after freeing
     * descriptors. <b>Notes:</b> no peer address is returned (use getpeername). Since kernel 5.19.
     */
    public SubmissionEntry prepAcceptMultishot(int fd, int acceptFlags) {
        prepAccept(fd, 0L, 0L, acceptFlags);
        return ioprio(IORING_ACCEPT_MULTISHOT);
    }

    /**
     * Prepares connect(2) to the sockaddr at {@code addr}. <b>Returns:</b> 0 when connected.
     * <b>Errors:</b> -ECONNREFUSED, -ETIMEDOUT, -ENETUNREACH. <b>Notes:</b> the sockaddr must stay valid until the
     * CQE. Since kernel 5.5.
     */
    public SubmissionEntry prepConnect(int fd, long addr, int addrLen) {
        return rw(IORING_OP_CONNECT, fd, addr, 0, addrLen);
    }

    /**
     * Prepares close(2). <b>Returns:</b> 0. <b>Errors:</b> -EBADF. <b>Notes:</b> cancel the descriptor's pending
     * operations first; close does not cancel them. Since kernel 5.6.
     */
    public SubmissionEntry prepClose(int fd) {
        return rw(IORING_OP_CLOSE, fd, 0L, 0, 0L);
    }

    /**
     * Prepares shutdown(2) with SHUT_RD/WR/RDWR. <b>Returns:</b> 0. <b>Errors:</b> -ENOTCONN. Since kernel 5.11.
     */
    public SubmissionEntry prepShutdown(int fd, int how) {
        return rw(IORING_OP_SHUTDOWN, fd, 0L, how, 0L);
    }

    /**
     * Prepares a cancel of the request whose user_data is {@code targetUserData}; {@code cancelFlags} may add
     * IORING_ASYNC_CANCEL_ALL. <b>Returns:</b> 0 (or, with ALL, the number cancelled); the cancelled request then
     * completes with -ECANCELED. <b>Errors:</b> -ENOENT (not found, maybe already done), -EALREADY (running; it
     * will complete on its own). Since kernel 5.5 (flags 5.19).
     */
    public SubmissionEntry prepCancel(long targetUserData, int cancelFlags) {
        rw(IORING_OP_ASYNC_CANCEL, -1, targetUserData, 0, 0L);
        return opFlags(cancelFlags);
    }

    /**
     * Prepares a cancel of requests on descriptor {@code fd} (IORING_ASYNC_CANCEL_FD, plus e.g.
     * IORING_ASYNC_CANCEL_ALL in {@code cancelFlags}). <b>Returns/Errors:</b> as {@link #prepCancel}.
     * Since kernel 5.19.
     */
    public SubmissionEntry prepCancelFd(int fd, int cancelFlags) {
        rw(IORING_OP_ASYNC_CANCEL, fd, 0L, 0, 0L);
        return opFlags(cancelFlags | IORING_ASYNC_CANCEL_FD);
    }

    /**
     * Prepares a timeout that fires after the {@link io.ferry.linux.KernelTimespec} at {@code ts}, or after
     * {@code count} other completions when {@code count > 0}. <b>Returns:</b> -ETIME when the time expires (0 with
     * IORING_TIMEOUT_ETIME_SUCCESS or when {@code count} was reached). <b>Errors:</b> -ECANCELED when removed.
     * <b>Notes:</b> the kernel copies the timespec at submission. Since kernel 5.4.
     */
    public SubmissionEntry prepTimeout(long ts, int count, int timeoutFlags) {
        rw(IORING_OP_TIMEOUT, -1, ts, 1, count);
        return opFlags(timeoutFlags);
    }

    /**
     * Prepares a timeout for the previous SQE, which must carry {@link #link()}. <b>Returns:</b> -ETIME when it fired
     * (the linked request then completes with -ECANCELED), -ECANCELED when the request finished first.
     * Since kernel 5.5.
     */
    public SubmissionEntry prepLinkTimeout(long ts, int timeoutFlags) {
        rw(IORING_OP_LINK_TIMEOUT, -1, ts, 1, 0L);
        return opFlags(timeoutFlags);
    }

    /**
     * Prepares fsync(2), or fdatasync with IORING_FSYNC_DATASYNC in {@code fsyncFlags}. <b>Returns:</b> 0.
     * <b>Errors:</b> -EIO, -ENOSPC. <b>Notes:</b> not ordered after earlier writes unless linked or drained.
     * Since kernel 5.1.
     */
    public SubmissionEntry prepFsync(int fd, int fsyncFlags) {
        rw(IORING_OP_FSYNC, fd, 0L, 0, 0L);
        return opFlags(fsyncFlags);
    }

    /**
     * Prepares openat(2) of the NUL-terminated path at {@code path}. <b>Returns:</b> the new descriptor.
     * <b>Errors:</b> -ENOENT, -EACCES, -EEXIST, -EMFILE. <b>Notes:</b> the path must stay valid until the CQE.
     * Since kernel 5.6.
     */
    public SubmissionEntry prepOpenat(int dirfd, long path, int openFlags, int mode) {
        rw(IORING_OP_OPENAT, dirfd, path, mode, 0L);
        return opFlags(openFlags);
    }

    /**
     * Prepares statx(2) into the {@link io.ferry.linux.Statx} buffer at {@code statxBuf}. <b>Returns:</b> 0.
     * <b>Errors:</b> -ENOENT, -EBADF. <b>Notes:</b> for an open file pass its fd, an empty path and AT_EMPTY_PATH.
     * Since kernel 5.6.
     */
    public SubmissionEntry prepStatx(int dirfd, long path, int statxFlags, int mask, long statxBuf) {
        rw(IORING_OP_STATX, dirfd, path, mask, statxBuf);
        return opFlags(statxFlags);
    }

    /**
     * Prepares a message to another ring: it gets a CQE with {@code res = value} and {@code user_data = data}.
     * <b>Returns:</b> 0 here. <b>Errors:</b> -EOVERFLOW when the target CQ is full, -EBADFD when {@code ringFd} is not
     * a ring. <b>Notes:</b> the cross-thread wake for rings (cheaper than an eventfd); with DEFER_TASKRUN on the
     * target, its CQE appears when its owner next enters with GETEVENTS. Since kernel 5.18.
     */
    public SubmissionEntry prepMsgRing(int ringFd, int value, long data, int msgRingFlags) {
        rw(IORING_OP_MSG_RING, ringFd, IORING_MSG_DATA, value, data);
        return opFlags(msgRingFlags);
    }

    /**
     * Prepares a one-shot poll for POLLIN/POLLOUT bits. <b>Returns:</b> the ready poll mask. <b>Errors:</b>
     * -ECANCELED. <b>Notes:</b> for waking a ring through an eventfd. Since kernel 5.1.
     */
    public SubmissionEntry prepPollAdd(int fd, int pollMask) {
        rw(IORING_OP_POLL_ADD, fd, 0L, 0, 0L);
        return opFlags(pollMask);
    }

    /**
     * Prepares a multishot poll: one CQE per readiness change while IORING_CQE_F_MORE is set.
     * <b>Returns:</b> the ready poll mask. Since kernel 5.13.
     */
    public SubmissionEntry prepPollMultishot(int fd, int pollMask) {
        rw(IORING_OP_POLL_ADD, fd, 0L, IORING_POLL_ADD_MULTI, 0L);
        return opFlags(pollMask);
    }

    // ---------------------------------------------------------------- internals

    private SubmissionEntry opFlags(int value) {
        sqes.set(JAVA_INT, base + IoUringSqe.OP_FLAGS, value);
        return this;
    }

    /** Writes every field of the SQE; the shared base of all preps. */
    private SubmissionEntry rw(int opcode, int fd, long addr, int len, long off) {
        MemorySegment s = sqes;
        long b = base;
        s.set(JAVA_BYTE, b + IoUringSqe.OPCODE, (byte) opcode);
        s.set(JAVA_BYTE, b + IoUringSqe.FLAGS, (byte) 0);
        s.set(JAVA_SHORT, b + IoUringSqe.IOPRIO, (short) 0);
        s.set(JAVA_INT, b + IoUringSqe.FD, fd);
        s.set(JAVA_LONG, b + IoUringSqe.OFF, off);
        s.set(JAVA_LONG, b + IoUringSqe.ADDR, addr);
        s.set(JAVA_INT, b + IoUringSqe.LEN, len);
        s.set(JAVA_INT, b + IoUringSqe.OP_FLAGS, 0);
        s.set(JAVA_LONG, b + IoUringSqe.USER_DATA, 0L);
        s.set(JAVA_INT, b + IoUringSqe.BUF_INDEX, 0);
        s.set(JAVA_INT, b + IoUringSqe.FILE_INDEX, 0);
        s.set(JAVA_LONG, b + IoUringSqe.ADDR3, 0L);
        s.set(JAVA_LONG, b + IoUringSqe.PAD2, 0L);
        return this;
    }
}
