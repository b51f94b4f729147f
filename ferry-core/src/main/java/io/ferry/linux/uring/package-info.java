/**
 * The low-level io_uring ring: setup with feature degradation, SQE preparation, submission, allocation-free
 * completion draining, probing and buffer registration. No event loop lives here.
 *
 * <p>Entry points: {@link io.ferry.linux.uring.IoUring#availability()} (can io_uring be used, and if not, why),
 * {@link io.ferry.linux.uring.IoUring#open(int, int)}, {@link io.ferry.linux.uring.SubmissionEntry} (the
 * {@code prepXxx} helpers), {@link io.ferry.linux.uring.CompletionSource} (drain completions; the fault-injection
 * seam), {@link io.ferry.linux.uring.ProvidedBufferRing} and {@link io.ferry.linux.uring.IoUringProbe}.
 *
 * <p>Everything here is confined to the ring's owner thread unless a type says otherwise. Results are
 * {@code -errno} ints, never exceptions, on the submission and completion paths; setup and registration failures
 * throw {@link io.ferry.linux.NativeIoException}.
 *
 * <p>Internal (the module does not export it): the io_uring backend in {@code io.ferry.backend.uring} is its
 * one user, and its types (raw addresses, flags, {@code -errno} results) should not be frozen as public API
 * before a second user shapes them. See the guide's "Reading the code" section.
 */
package io.ferry.linux.uring;
