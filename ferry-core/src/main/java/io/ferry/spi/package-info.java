/**
 * The backend contract: what io_uring, epoll and java.nio each provide to the loop, the connection
 * core and files above them. Internal (not exported).
 *
 * <p>The contract, in one place:
 * <ul>
 *   <li>{@link Backend}: chosen once at start-up by
 *       {@code io.ferry.Backends}; opens one {@link IoDriver} per
 *       loop, on that loop's thread.</li>
 *   <li>{@link LoopContext}: what a backend may ask of its loop beyond the public {@code EventLoop}.</li>
 *   <li>{@link IoDriver#poll}: the loop's only blocking call. It submits pending
 *       work, waits up to the timeout, dispatches every event, and returns. {@code wakeup()} may be
 *       called from any thread and makes a sleeping {@code poll} return soon.</li>
 *   <li>{@link SocketIo}: the backend half of a connection. It delivers received bytes, write
 *       progress, end of input, errors and the final close through {@link SocketEvents} to the
 *       connection core ({@code io.ferry.connection.SocketConnection}), which owns the handler, the
 *       outbound queue and the watermarks. A buffer in the outbound queue stays there (pinned) until the
 *       kernel confirms the bytes were taken.</li>
 *   <li>Closing: {@code SocketIo.close} cancels the socket's operations; it reports
 *       {@link SocketEvents#onClosed()} only after the last operation that may
 *       touch its buffers has finished.</li>
 *   <li>{@link FileIo} ({@code IoDriver.files()}): one typed method per file operation (open,
 *       positional read and write, single or vectored, fsync, fdatasync, statx, close, whole-file
 *       write) with primitive results on the loop thread; io_uring submits them to its ring, epoll
 *       and java.nio run them on a bounded blocking pool, both bounded in flight with a line beyond
 *       ({@code io.ferry.file.internal}).</li>
 *   <li>Errors: kernel failures arrive as {@link java.io.IOException}s naming the operation; EAGAIN
 *       is never an exception.</li>
 * </ul>
 * {@code -Dferry.backend=nio|epoll|uring} overrides the automatic choice.
 */
package io.ferry.spi;
