/**
 * Off-heap memory owned by an event loop.
 *
 * <p>A {@link io.ferry.buffer.BufferPool} carves page-aligned native memory into fixed-size buffers
 * (default 16 KiB) and jumbo buffers (default 256 KiB); anything larger gets a dedicated allocation.
 * A {@link io.ferry.buffer.Buf} is a reference-counted view over such a buffer: slices share the
 * storage, and the storage goes back to its pool when the last view is released.
 * {@link io.ferry.buffer.BufWriter} packs outgoing messages into pooled buffers without splitting
 * one across two; {@link io.ferry.buffer.RecvSizer} picks how much to read next.
 *
 * <p>Thread rule: a pool belongs to one loop thread. Views may be released on any thread; storage
 * released elsewhere travels home through the pool's lock-free return stack.
 */
package io.ferry.buffer;
