/**
 * {@code ferry bench evidence}: measures the claims people make about readiness and completion I/O
 * (memory per connection in user space and the kernel, kernel entries and batching, copies, which
 * threads do the work) on every {@link io.ferry.bench.evidence.Variant} this machine can run, and
 * writes {@code docs/EVIDENCE.md} with charts and verdicts worded from the figures.
 */
package io.ferry.bench.evidence;
