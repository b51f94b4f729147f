/** The {@code ferry} command line (picocli): serve, probe and the commands the benchmark module adds. */
package io.ferry.cli;
