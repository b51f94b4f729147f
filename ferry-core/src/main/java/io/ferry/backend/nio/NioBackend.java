package io.ferry.backend.nio;

import io.ferry.backend.Availability;
import io.ferry.spi.Backend;
import io.ferry.backend.BackendKind;
import io.ferry.spi.IoDriver;
import io.ferry.spi.LoopContext;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/** The java.nio backend: always available; listens on every loop where SO_REUSEPORT exists. */
public final class NioBackend implements Backend {
    private static final boolean REUSE_PORT = probeReusePort();

    @Override
    public BackendKind kind() {
        return BackendKind.NIO;
    }

    @Override
    public Availability availability() {
        return Availability.yes("java.nio Selector (" + System.getProperty("os.name") + ")");
    }

    @Override
    public IoDriver open(LoopContext loop) throws IOException {
        return new NioDriver(loop);
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

    @Override
    public String toString() {
        return "nio backend (readiness model, java.nio Selector)";
    }
}
