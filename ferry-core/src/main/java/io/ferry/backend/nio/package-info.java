/**
 * The portable readiness backend on {@link java.nio.channels.Selector}: what runs where neither
 * io_uring nor epoll can, and on every non-Linux platform. Same handler API, same pooled buffers
 * (used through direct {@link java.nio.ByteBuffer} views), level-triggered selection.
 */
package io.ferry.backend.nio;
