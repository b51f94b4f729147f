/**
 * The chaos suite behind {@code ferry stress} and the test suite's chaos test: seeded hostile clients
 * against a runtime configured to be fragile (one-buffer receive rings, tiny queues), with the checks
 * that it never hangs and gives back every buffer, descriptor, operation and thread.
 */
package io.ferry.bench.stress;
