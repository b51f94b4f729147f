/**
 * The file benchmark: many files written at once by Ferry (io_uring from one thread, or its blocking
 * pool), by the JDK's AsynchronousFileChannel, by FileChannel on virtual threads, and by fio as the
 * near-limit reference, side by side in one run.
 */
package io.ferry.bench.files;
