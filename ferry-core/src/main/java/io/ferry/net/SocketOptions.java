package io.ferry.net;

import io.ferry.buffer.RecvSizer;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Per-socket settings shared by listeners, accepted and connected sockets.
 *
 * @param backlog            listen backlog
 * @param tcpNoDelay         disable Nagle (TCP_NODELAY)
 * @param writeLowWatermark  queued bytes under which a connection becomes writable again
 * @param writeHighWatermark queued bytes over which a connection reports not writable
 * @param recvSizer          read sizing for readiness backends, one per connection
 * @param readBudget         most bytes one connection reads per wake-up before others get a turn
 * @param sharedPort         listen on a port that another listener (another runtime or process) already has,
 *                           splitting its connections with it (SO_REUSEPORT); off by default, so that
 *                           listening on a busy port fails with "address already in use"
 * @param readTimeout        close a connection that received nothing for this long while reading (a paused read
 *                           does not count); {@link Duration#ZERO}, the default, for none. See
 *                           {@link Handler#onTimeout}
 * @param idleTimeout        close a connection that neither received nor sent a byte for this long (sent: taken
 *                           by the kernel, so a peer that stops reading makes a connection idle);
 *                           {@link Duration#ZERO}, the default, for none
 * @param unixMode           the permissions a Unix domain socket's file gets before listen returns (who may
 *                           connect); null, the default, leaves what the umask gave. TCP ignores it, and so does
 *                           {@code tcpNoDelay} apply to TCP only
 */
public record SocketOptions(int backlog, boolean tcpNoDelay, int writeLowWatermark, int writeHighWatermark,
                            Supplier<RecvSizer> recvSizer, int readBudget, boolean sharedPort, Duration readTimeout,
                            Duration idleTimeout, Set<PosixFilePermission> unixMode) {

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException unless {@code backlog > 0}, {@code 0 <= writeLowWatermark <=
     *         writeHighWatermark}, {@code readBudget > 0} and the timeouts are not negative
     * @throws NullPointerException if a timeout is null
     */
    public SocketOptions {
        if (backlog <= 0 || writeLowWatermark < 0 || writeHighWatermark < writeLowWatermark || readBudget <= 0) {
            throw new IllegalArgumentException("invalid socket options: backlog " + backlog + ", watermarks "
                + writeLowWatermark + "/" + writeHighWatermark + ", read budget " + readBudget);
        }
        checkTimeout("read timeout", readTimeout);
        checkTimeout("idle timeout", idleTimeout);
        unixMode = unixMode == null ? null : Set.copyOf(unixMode);
    }

    /**
     * The options without a Unix socket mode, as before there was one.
     *
     * @param backlog            listen backlog
     * @param tcpNoDelay         disable Nagle (TCP_NODELAY)
     * @param writeLowWatermark  queued bytes under which a connection becomes writable again
     * @param writeHighWatermark queued bytes over which a connection reports not writable
     * @param recvSizer          read sizing for readiness backends, one per connection
     * @param readBudget         most bytes one connection reads per wake-up before others get a turn
     * @param sharedPort         listen with SO_REUSEPORT on a port another listener has
     * @param readTimeout        close a connection that received nothing for this long while reading
     * @param idleTimeout        close a connection that neither received nor sent a byte for this long
     * @throws IllegalArgumentException as the canonical constructor
     */
    public SocketOptions(int backlog, boolean tcpNoDelay, int writeLowWatermark, int writeHighWatermark,
                         Supplier<RecvSizer> recvSizer, int readBudget, boolean sharedPort, Duration readTimeout,
                         Duration idleTimeout) {
        this(backlog, tcpNoDelay, writeLowWatermark, writeHighWatermark, recvSizer, readBudget, sharedPort,
            readTimeout, idleTimeout, null);
    }

    private static void checkTimeout(String what, Duration timeout) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative (ZERO for none), got " + timeout);
        }
    }

    /**
     * {@return backlog 1024, TCP_NODELAY, watermarks 32/64 KiB, adaptive reads, 256 KiB read budget, port not
     * shared, no timeouts, Unix socket files as the umask makes them}
     */
    public static SocketOptions defaults() {
        return new SocketOptions(1024, true, 32 * 1024, 64 * 1024, RecvSizer::adaptive, 256 * 1024, false,
            Duration.ZERO, Duration.ZERO);
    }

    /**
     * {@return the same options with other write watermarks}
     *
     * @param low queued bytes under which a connection becomes writable again
     * @param high queued bytes over which it reports not writable, at least {@code low}
     * @throws IllegalArgumentException if {@code low} is negative or above {@code high}
     */
    public SocketOptions withWatermarks(int low, int high) {
        return new SocketOptions(backlog, tcpNoDelay, low, high, recvSizer, readBudget, sharedPort, readTimeout,
            idleTimeout, unixMode);
    }

    /**
     * {@return the same options with another read sizing}
     *
     * @param sizer makes one {@link RecvSizer} per connection
     */
    public SocketOptions withRecvSizer(Supplier<RecvSizer> sizer) {
        return new SocketOptions(backlog, tcpNoDelay, writeLowWatermark, writeHighWatermark, sizer, readBudget,
            sharedPort, readTimeout, idleTimeout, unixMode);
    }

    /**
     * {@return the same options with {@link #sharedPort()} set to {@code shared}}
     *
     * @param shared whether to listen with SO_REUSEPORT
     */
    public SocketOptions withSharedPort(boolean shared) {
        return new SocketOptions(backlog, tcpNoDelay, writeLowWatermark, writeHighWatermark, recvSizer, readBudget,
            shared, readTimeout, idleTimeout, unixMode);
    }

    /**
     * {@return the same options with {@link #readTimeout()} set to {@code timeout}}
     *
     * @param timeout how long a reading connection may receive nothing; {@link Duration#ZERO} for no limit
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public SocketOptions withReadTimeout(Duration timeout) {
        return new SocketOptions(backlog, tcpNoDelay, writeLowWatermark, writeHighWatermark, recvSizer, readBudget,
            sharedPort, timeout, idleTimeout, unixMode);
    }

    /**
     * {@return the same options with {@link #idleTimeout()} set to {@code timeout}}
     *
     * @param timeout how long a connection may neither receive nor send; {@link Duration#ZERO} for no limit
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public SocketOptions withIdleTimeout(Duration timeout) {
        return new SocketOptions(backlog, tcpNoDelay, writeLowWatermark, writeHighWatermark, recvSizer, readBudget,
            sharedPort, readTimeout, timeout, unixMode);
    }

    /**
     * {@return the same options with {@link #unixMode()} set to {@code mode}}
     *
     * @param mode the permissions of a Unix domain socket's file, for example
     *     {@code PosixFilePermissions.fromString("rw-rw----")}; null to leave what the umask gave
     */
    public SocketOptions withUnixMode(Set<PosixFilePermission> mode) {
        return new SocketOptions(backlog, tcpNoDelay, writeLowWatermark, writeHighWatermark, recvSizer, readBudget,
            sharedPort, readTimeout, idleTimeout, mode);
    }
}
