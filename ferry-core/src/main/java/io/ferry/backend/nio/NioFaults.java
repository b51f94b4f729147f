package io.ferry.backend.nio;

import io.ferry.spi.Fault;
import io.ferry.spi.FaultInjector;
import java.io.IOException;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The java.nio backend's channel calls with a test's {@link FaultInjector} in front: a read or write the plan
 * fails with EAGAIN moves nothing (the selector is level-triggered, so it reports the channel again); one
 * failed with ECONNRESET sets SO_LINGER 0 and throws as java.nio does on a reset, so the close that follows
 * really resets the connection; a short write really passes fewer bytes; an accept failed with EMFILE
 * throws as java.nio does when out of descriptors. Exists only when a test gave the backend an injector.
 * Loop thread only.
 */
final class NioFaults {
    private final FaultInjector faults;

    NioFaults(FaultInjector faults) {
        this.faults = faults;
    }

    /** {@code channel.read(into)}, unless the plan fails it. */
    int read(SocketChannel channel, ByteBuffer into) throws IOException {
        Fault fault = faults.recv();
        return fault == Fault.NONE ? channel.read(into) : injected(channel, fault, "read");
    }

    /** The gathered write of {@code count} scratch buffers holding {@code offered} bytes, perhaps failed or cut. */
    long write(SocketChannel channel, ByteBuffer[] scratch, int count, long offered) throws IOException {
        Fault fault = faults.send();
        if (fault != Fault.NONE) {
            return injected(channel, fault, "write");
        }
        long length = faults.sendLength(offered);
        int n = count;
        if (length < offered) {
            n = 0;
            for (long left = length; left > 0; n++) {
                ByteBuffer b = scratch[n];
                if (b.remaining() > left) {
                    b.limit(b.position() + (int) left);
                }
                left -= b.remaining();
            }
        }
        return n == 1 ? channel.write(scratch[0]) : channel.write(scratch, 0, n);
    }

    /** {@code listener.accept()}, unless the plan fails it (EMFILE). */
    SocketChannel accept(ServerSocketChannel listener) throws IOException {
        if (faults.accept() != Fault.NONE) {
            throw new IOException("Too many open files (injected EMFILE)");
        }
        return listener.accept();
    }

    private static int injected(SocketChannel channel, Fault fault, String op) throws IOException {
        if (fault != Fault.RESET) {
            return 0; // EAGAIN: nothing moved; the selector reports the channel again
        }
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        throw new SocketException("Connection reset (injected into " + op + ")");
    }
}
