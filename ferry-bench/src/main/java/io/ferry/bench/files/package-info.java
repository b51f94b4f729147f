/**
 * The file benchmark: many files written at once by Ferry (io_uring from one thread, or its blocking
 * pool), by the JDK's AsynchronousFileChannel, by FileChannel on virtual threads, and by fio as the
 * near-limit reference, side by side in one run; and the fan-out workload itself ({@code FileFanOut}),
 * behind {@code ferry files}: many files written at once from one event loop, then checked byte by byte.
 */
package io.ferry.bench.files;
