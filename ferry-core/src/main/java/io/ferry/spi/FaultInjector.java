package io.ferry.spi;

/**
 * Faults a test makes happen where they really arise: before a receive, send, accept or submission reaches
 * the kernel. A backend given one asks it at each such point and, when told to fail, does not make the call
 * but acts as the kernel would have answered: the operation fails with the {@link Fault}, or a send passes fewer
 * bytes so that the kernel really sends less. Production backends have none (a null final field, checked
 * once per call); nothing is faked after the kernel has moved bytes.
 *
 * <p>Which faults make sense differs by backend (the plan that implements this knows): io_uring fails an SQE
 * locally, its -errno as the completion (ENOBUFS, ECANCELED, ECONNRESET on a receive; EAGAIN, ECONNRESET
 * on a send; EMFILE on an accept; EAGAIN from {@code io_uring_enter}); epoll and java.nio fail the call
 * (EAGAIN, ECONNRESET on receive and send; EMFILE on accept). An injected ECONNRESET also
 * really resets the socket, so the peer sees what a reset connection looks like.
 *
 * <p>Called on the loop threads, several at once when there are several loops: implementations must be
 * thread-safe and must not allocate.
 */
public interface FaultInjector {
    /** @return {@link Fault#NONE} to let a receive reach the kernel, or the fault it fails with instead */
    Fault recv();

    /** @return {@link Fault#NONE} to let a send reach the kernel, or the fault it fails with instead */
    Fault send();

    /**
     * A short send: how many of {@code offered} bytes the next send passes to the kernel.
     *
     * @param offered bytes the backend would send, at least 1
     * @return {@code offered} for no fault, else between 1 and {@code offered - 1}
     */
    long sendLength(long offered);

    /** @return {@link Fault#NONE} to let an accept reach the kernel, or the fault it fails with instead */
    Fault accept();

    /** @return {@link Fault#NONE} to let {@code io_uring_enter} run, or the fault it fails with instead */
    Fault submit();
}
