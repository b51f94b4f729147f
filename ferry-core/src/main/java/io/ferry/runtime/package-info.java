/**
 * The event loop's implementation: {@link io.ferry.runtime.LoopThread} (the loop behind
 * {@link io.ferry.loop.EventLoop}), its task and timer queues, the virtual-thread carrier, and
 * {@link io.ferry.runtime.LoopThreads}, which starts a runtime's loops. Internal.
 */
package io.ferry.runtime;
