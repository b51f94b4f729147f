/**
 * Straight-line networking on virtual threads over Ferry's loops: {@link io.ferry.net.blocking.FerryServer}
 * runs one virtual thread per accepted connection, {@link io.ferry.net.blocking.FerrySocket} reads,
 * writes, flushes and closes by parking, and adapts to {@code InputStream}/{@code OutputStream} and
 * {@code ByteChannel} for existing blocking libraries.
 *
 * <p>The hand-off, in one place: underneath every socket is an ordinary loop
 * {@link io.ferry.net.Connection} with a {@code Handler} (the package-private bridge). Received
 * buffers travel loop to thread through a lock-free single-producer ring bounded in bytes (reading
 * pauses when it is full); written buffers travel thread to loop through another one, with the
 * thread parked while the connection is above its high watermark. Requests to the loop are bits in
 * one atomic word, queued as one task per batch. A parked thread is unparked by the loop with
 * {@code LockSupport.unpark}; no lock is taken on any of these paths.
 *
 * <p>Buffer ownership: {@code read()} gives the caller a {@code Buf} to release; {@code write(Buf)}
 * takes one. Buffers handed to the loop are pinned there until the kernel is done with them, so
 * closing, interrupting or timing out never frees memory the kernel may still touch.
 */
package io.ferry.net.blocking;
