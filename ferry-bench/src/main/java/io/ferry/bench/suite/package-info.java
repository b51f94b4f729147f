/**
 * The side-by-side suite behind {@code ferry bench}: workloads (echo, HTTP through wrk, RESP through
 * redis-benchmark), the servers they run against, and the tables and charts of the outcome.
 */
package io.ferry.bench.suite;
