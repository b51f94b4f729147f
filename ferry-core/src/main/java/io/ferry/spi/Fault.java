package io.ferry.spi;

/**
 * What a {@link FaultInjector} makes an operation fail with, named by what it means so that each backend
 * maps it to its own form (an errno on the Linux backends, an exception or a zero count on java.nio).
 */
public enum Fault {
    /** No fault: the operation reaches the kernel. */
    NONE,
    /** EAGAIN: nothing moved, try again later. */
    WOULD_BLOCK,
    /** ECONNRESET: the connection is reset (and really reset, so the peer sees it). */
    RESET,
    /** ENOBUFS: io_uring's provided-buffer ring had no buffer for a receive. */
    NO_BUFFERS,
    /** ECANCELED: an io_uring request ended cancelled. */
    CANCELED,
    /** EMFILE: the process is out of descriptors (accept). */
    NO_DESCRIPTORS
}
