/**
 * Asynchronous files: {@link io.ferry.file.AsyncFile} reads, writes and syncs at offsets, and its
 * results complete on the file's event loop. On io_uring the operations go to the loop's ring, so
 * one thread keeps many files busy; on epoll and java.nio, which have no asynchronous file I/O, a
 * bounded blocking pool runs them and posts the results back. The API is the same either way.
 * {@link io.ferry.file.FerryFile} is the same file with blocking calls, for virtual threads.
 */
package io.ferry.file;
