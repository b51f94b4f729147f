/**
 * Diagnostics any layer may use: the switch behind the debug checks ({@link io.ferry.diagnostics.Checks},
 * {@code -Dferry.checks=true}) and Ferry's Flight Recorder events, what a recording shows of the runtime
 * (backend chosen, connections opened and closed, pools exhausted or grown, the io_uring receive ring running
 * dry, loops stalled by slow callbacks, slow file operations). Internal: users see the events through
 * {@code jfr}, JMC or a {@code RecordingStream}, under the category "Ferry" and names starting with
 * {@code io.ferry.}.
 *
 * <p>Every emitter checks first that a recording wants the event, so with no recording (or the event
 * disabled) a call costs one check and allocates nothing. Nothing here depends on the rest of Ferry.
 */
package io.ferry.diagnostics;
