/**
 * Constant-rate load that does not hide stalls (issue 17). Requests are sent on a fixed schedule,
 * {@code rate} per second in total, spread evenly over the connections, and each latency is measured
 * from the time its request was <em>meant</em> to be sent, as wrk2 does: when a server stalls, the
 * requests that fell due during the stall wait for their connection and are charged that wait, so a
 * 200 ms stall shows as about 200 ms on every request it delayed, not once per connection as in a
 * closed loop (coordinated omission). {@link io.ferry.bench.rate.RateDriver} holds the schedule and
 * the accounting and talks to the network only through {@link io.ferry.bench.rate.Wire} and a clock,
 * so tests drive it against a simulated server in simulated time; {@link io.ferry.bench.rate.NioWire}
 * is the real one (plain JDK NIO, one thread, loopback).
 */
package io.ferry.bench.rate;
