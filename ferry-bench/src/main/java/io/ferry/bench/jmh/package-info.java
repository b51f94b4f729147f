/**
 * JMH microbenchmarks. Each compares Ferry with its Netty counterpart in the same run where one
 * exists; see {@code ferry-bench/README.md} for the command and the latest results.
 */
package io.ferry.bench.jmh;
