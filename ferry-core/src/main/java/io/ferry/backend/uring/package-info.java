/**
 * The completion backend on Linux io_uring, built on the ring library in {@link io.ferry.linux.uring}:
 * receives follow the {@link io.ferry.backend.UringReceiveStrategy} (by default multishot into a ring of
 * buffers the loop provides, the kernel picking one per completion; {@code UringReceiver} is where the
 * strategies differ), sends keep their buffers pinned until the completion arrives, accepts are multishot,
 * files go to the same ring. Every completion is dispatched in O(1) through an {@link io.ferry.spi.OpTable}
 * key in its {@code user_data}. Internal.
 */
package io.ferry.backend.uring;
