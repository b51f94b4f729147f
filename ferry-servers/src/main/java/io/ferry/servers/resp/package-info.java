/**
 * A Redis-protocol (RESP2) server: an incremental parser over received {@link io.ferry.buffer.Buf}s
 * (arrays of bulk strings and inline commands, pipelined), a keyspace shared by every loop, and the
 * string commands clients and benchmarks use (PING, SET, GET, INCR, MSET, EXPIRE, TTL, ...), with
 * error replies worded exactly like Redis 7.
 */
package io.ferry.servers.resp;
