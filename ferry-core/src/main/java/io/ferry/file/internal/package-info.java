/**
 * How file operations wait and where they run when the kernel cannot take them asynchronously:
 * {@link io.ferry.file.internal.BoundedFileIo}, the base of both file paths, which turns the typed
 * {@link io.ferry.spi.FileIo} methods into queue entries and bounds what runs at once; the bounded
 * {@link io.ferry.file.internal.BlockingPool} and {@link io.ferry.file.internal.BlockingFileIo} (epoll
 * and java.nio); and the queues that hold operations beyond the in-flight bound, opens after
 * operations on open files ({@link io.ferry.file.internal.FileOpQueue},
 * {@link io.ferry.file.internal.WaitingFileOps}). Internal.
 */
package io.ferry.file.internal;
