package io.ferry.backend.nio;

import io.ferry.backend.Availability;
import io.ferry.spi.Backend;
import io.ferry.backend.BackendKind;
import io.ferry.spi.FaultInjector;
import io.ferry.spi.IoDriver;
import io.ferry.spi.LoopContext;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.spi.SelectorProvider;

/**
 * The java.nio backend: available wherever the JDK can open a selector; listens on every loop where
 * SO_REUSEPORT exists.
 */
public final class NioBackend implements Backend {
    private static final boolean REUSE_PORT = probeReusePort();
    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";
    private final FaultInjector faults;

    /** The backend as it runs in production. */
    public NioBackend() {
        this(null);
    }

    /** A backend whose channel calls fail as {@code faults} says (tests); null for none. */
    public NioBackend(FaultInjector faults) {
        this.faults = faults;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.NIO;
    }

    @Override
    public Availability availability() {
        return SelectorProbe.RESULT;
    }

    @Override
    public IoDriver open(LoopContext loop) throws IOException {
        return new NioDriver(loop, faults == null ? null : new NioFaults(faults));
    }

    @Override
    public boolean listensOnEveryLoop() {
        return REUSE_PORT;
    }

    static boolean reusePortSupported() {
        return REUSE_PORT;
    }

    private static boolean probeReusePort() {
        try (ServerSocketChannel ch = ServerSocketChannel.open()) {
            return ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    /** Opens and closes one selector, once, when availability is first asked for. */
    private static final class SelectorProbe {
        static final Availability RESULT = probe();

        private static Availability probe() {
            String provider = SelectorProvider.provider().getClass().getName();
            try {
                Selector.open().close();
                return Availability.yes("java.nio Selector (" + System.getProperty("os.name") + ")");
            } catch (IOException e) {
                // The JDK's Linux selector is epoll: a seccomp profile that forbids epoll_create1 forbids it too.
                String hint = provider.equals("sun.nio.ch.EPollSelectorProvider")
                    ? "; it uses epoll, -D" + SELECTOR_PROVIDER + "=sun.nio.ch.PollSelectorProvider selects with poll"
                    : "";
                return Availability.no("java.nio Selector.open failed: " + e.getMessage()
                    + " (" + provider + hint + ")");
            }
        }
    }

    @Override
    public String toString() {
        return "nio backend (readiness model, java.nio Selector)";
    }
}
