/**
 * {@code ferry soak}: Ferry's echo, HTTP and RESP servers in this process under a mixed load from a
 * child JVM, sampled for memory, descriptors, buffers and connections, and failed when any of them
 * keeps growing after warm-up or any answer is wrong.
 */
package io.ferry.bench.soak;
