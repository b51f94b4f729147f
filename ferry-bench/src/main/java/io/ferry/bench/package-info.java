/** The {@code ferry bench} and {@code ferry demo} commands, load generators and benchmark peers. */
package io.ferry.bench;
