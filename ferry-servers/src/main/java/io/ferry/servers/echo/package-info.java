/** The echo server: the smallest complete Ferry server, zero-copy and zero-allocation per message. */
package io.ferry.servers.echo;
