package io.ferry.linux.uring;

/**
 * Where completions come from: {@link IoUring} itself, or a test wrapper around it.
 *
 * <p>This is the fault-injection seam. Backend code should drain completions through a {@code CompletionSource}
 * reference rather than calling the ring directly, so a test can substitute a wrapper that rewrites results (for
 * example turning a recv result into {@code -ENOBUFS} or {@code -EMFILE}), drops the IORING_CQE_F_MORE flag to
 * simulate a multishot ending, or withholds completions to simulate a CQ overflow backlog. A wrapper usually
 * delegates to the real ring with a visitor that forwards to the caller's visitor after altering the arguments.
 *
 * <p>Same threading rule as the ring: the owner thread only.
 */
@FunctionalInterface
public interface CompletionSource {
    /**
     * Delivers up to {@code limit} ready completions to {@code visitor}, without waiting.
     *
     * @return the number delivered
     */
    int forEachCompletion(CompletionVisitor visitor, int limit);
}
