package io.ferry.linux.uring;

/**
 * Receives completions as primitives, so draining the CQ allocates nothing.
 *
 * <p>Called on the ring's owner thread, once per CQE, in ring order. The CQE slot is recycled after the batch, so
 * copy out what you need. An exception thrown here stops the batch; the CQEs already delivered, including the one
 * that threw, are consumed.
 */
@FunctionalInterface
public interface CompletionVisitor {
    /**
     * One completion.
     *
     * @param userData the SQE's user_data, unchanged
     * @param res the result: a count, or {@code -errno}
     * @param flags IORING_CQE_F_* bits; with IORING_CQE_F_BUFFER the buffer id is {@code flags >>> 16}
     */
    void onCompletion(long userData, int res, int flags);
}
