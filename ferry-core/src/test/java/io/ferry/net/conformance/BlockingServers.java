package io.ferry.net.conformance;

import com.sun.management.UnixOperatingSystemMXBean;
import io.ferry.buffer.Buf;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import io.ferry.net.blocking.SocketHandler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Blocking-style servers the conformance tests run on a {@link BackendFixture}'s runtime. */
final class BlockingServers {
    private BlockingServers() {
    }

    /** Binds {@code handler} where the fixture listens: 127.0.0.1 with an ephemeral port, or a Unix socket file. */
    static FerryServer bind(BackendFixture fx, SocketHandler handler) throws IOException {
        return FerryServer.bind(fx.ferry(), fx.listenAddress(), handler);
    }

    /**
     * Binds {@link #echo} and records in {@code peak} the most connections it served at once.
     */
    static FerryServer bindCountingEcho(BackendFixture fx, AtomicInteger peak) throws IOException {
        AtomicInteger active = new AtomicInteger();
        return bind(fx, socket -> {
            peak.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                echo(socket);
            } finally {
                active.decrementAndGet();
            }
        });
    }

    /** This process's descriptor limit (1,024 where the JVM cannot tell). */
    static long descriptorLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
            ? unix.getMaxFileDescriptorCount() : 1024;
    }

    /** Echo in straight-line style: every received buffer goes straight back, without a copy. */
    static void echo(FerrySocket socket) throws IOException {
        for (Buf b; (b = socket.read()) != null; ) {
            socket.write(b);
            socket.flush();
        }
    }
}
