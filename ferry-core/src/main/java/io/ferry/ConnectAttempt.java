package io.ferry;

import io.ferry.spi.LoopContext;
import io.ferry.loop.Timer;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.SocketOptions;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One outgoing connect on a loop, whatever the backend: an unresolved address is refused before any
 * descriptor is opened, every failure is a {@link ConnectException} whose message reads
 * {@code connect to HOST:PORT failed: REASON} (the backend's own exception kept as the cause), and an
 * optional timeout fails the attempt, cancels the future the backend was given (which calls off the
 * kernel's attempt and closes its socket at once), and aborts a connection that opens too late anyway.
 *
 * <p>Threads: {@link #start} from any thread; the result completes on the loop's thread.
 */
final class ConnectAttempt {
    private static final String FAILED = "failed: ";

    private ConnectAttempt() {
    }

    static CompletableFuture<Connection> start(LoopContext loop, SocketAddress remote, SocketOptions options,
                                               Handler handler, Duration timeout) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        String refused = refusal(remote);
        if (refused != null) {
            result.completeExceptionally(failure(remote, refused, null));
            return result;
        }
        CompletableFuture<Connection> attempt = new CompletableFuture<>();
        attempt.whenComplete((c, e) -> {
            if (e != null) {
                result.completeExceptionally(failure(remote, reason(e), e));
            } else if (!result.complete(c)) {
                c.abort(); // it opened after the timeout: on the loop thread, where the attempt completes
            }
        });
        try {
            loop.execute(() -> {
                if (!timeout.isZero()) {
                    Timer t = loop.schedule(() -> {
                        result.completeExceptionally(
                            failure(remote, "timed out after " + timeout.toMillis() + " ms", null));
                        attempt.cancel(false); // the backend calls off the kernel's attempt and closes its socket
                    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
                    result.whenComplete((c, e) -> t.cancel());
                }
                loop.driver().connect(remote, options, handler, attempt);
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(failure(remote, loop.name() + " cannot take it: " + e.getMessage(), e));
        }
        return result;
    }

    /** {@return why {@code remote} cannot be connected to before any descriptor is opened, or null} */
    private static String refusal(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet) {
            return inet.isUnresolved() ? "unresolved address (resolve it first)" : null;
        }
        if (remote instanceof UnixDomainSocketAddress unix) {
            return UnixSocketFile.tooLong(unix);
        }
        return "cannot connect to a " + remote.getClass().getName();
    }

    private static ConnectException failure(SocketAddress remote, String reason, Throwable cause) {
        ConnectException e = new ConnectException("connect to " + remote + " failed: " + reason);
        e.initCause(cause);
        return e;
    }

    /** The backend's reason without its own "connect [to ...] failed: " prefix, so the message names things once. */
    private static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int at = m.lastIndexOf(FAILED);
        return at < 0 ? m : m.substring(at + FAILED.length());
    }
}
