package io.ferry.backend.epoll;

import io.ferry.backend.Availability;
import io.ferry.spi.Backend;
import io.ferry.backend.BackendKind;
import io.ferry.spi.FaultInjector;
import io.ferry.spi.IoDriver;
import io.ferry.linux.Epoll;
import io.ferry.linux.Errno;
import io.ferry.linux.LibC;
import io.ferry.linux.NativeAccess;
import io.ferry.linux.Seccomp;
import io.ferry.spi.LoopContext;
import java.io.IOException;
import java.util.Locale;

/**
 * The edge-triggered epoll backend: Linux on x86_64 with native access enabled. Every loop listens
 * on its own SO_REUSEPORT socket. Stateless; any thread.
 */
public final class EpollBackend implements Backend {
    private final FaultInjector faults;

    /** The backend as it runs in production. */
    public EpollBackend() {
        this(null);
    }

    /** A backend whose syscalls fail as {@code faults} says (tests); null for none. */
    public EpollBackend(FaultInjector faults) {
        this.faults = faults;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.EPOLL;
    }

    @Override
    public Availability availability() {
        return Probe.RESULT;
    }

    @Override
    public IoDriver open(LoopContext loop) throws IOException {
        Availability a = availability();
        if (!a.available()) {
            throw new IOException("epoll backend cannot run here: " + a.reason());
        }
        return new EpollDriver(loop, faults);
    }

    @Override
    public boolean listensOnEveryLoop() {
        return true;
    }

    /** Probed once, on first use: creates and closes one epoll instance. */
    private static final class Probe {
        static final Availability RESULT = probe();

        private static Availability probe() {
            String os = System.getProperty("os.name", "?");
            if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
                return Availability.no("not Linux (" + os + ")");
            }
            String arch = System.getProperty("os.arch", "?");
            if (!arch.equals("amd64") && !arch.equals("x86_64")) {
                return Availability.no("epoll backend supports x86_64 only (os.arch " + arch + ")");
            }
            if (!NativeAccess.isEnabled()) {
                return Availability.no(NativeAccess.unavailableReason());
            }
            try {
                int fd = Epoll.epollCreate1(Epoll.EPOLL_CLOEXEC);
                if (fd < 0) {
                    return Availability.no("epoll_create1 failed: " + Errno.name(fd) + Seccomp.blame(-fd));
                }
                LibC.close(fd);
                return Availability.yes("edge-triggered epoll (Linux " + System.getProperty("os.version") + ")");
            } catch (RuntimeException | LinkageError e) {
                return Availability.no("epoll unavailable: " + e);
            }
        }
    }

    @Override
    public String toString() {
        return "epoll backend (readiness model, edge-triggered)";
    }
}
