/**
 * The file fan-out workload behind {@code ferry files} and the file benchmark: many files written
 * at once from one event loop, then checked byte by byte.
 */
package io.ferry.servers.files;
