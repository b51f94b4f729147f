package io.ferry.backend.uring;

import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A handler for the incremental-ring tests: records every receive's bytes and address, and either releases the
 * {@link Buf} at once or holds it until {@link #releaseHeld()}. Loop thread, except where said.
 */
final class IncrementalRingProbe implements Handler {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<Long> addresses = new ArrayList<>();
    private final List<Buf> held = new ArrayList<>();
    private boolean hold;

    @Override
    public synchronized void onData(Connection connection, Buf data) {
        addresses.add(data.address());
        byte[] copy = new byte[data.readableBytes()];
        data.getBytes(data.readIndex(), copy, 0, copy.length);
        bytes.writeBytes(copy);
        if (hold) {
            held.add(data);
        } else {
            data.release();
        }
    }

    /** Holds the receives from now on (any thread). */
    synchronized void hold() {
        hold = true;
    }

    /** Bytes received so far (any thread). */
    synchronized int received() {
        return bytes.size();
    }

    /** Every byte received, in order (any thread). */
    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    /** The address of each receive's first byte, in order (any thread). */
    synchronized List<Long> addresses() {
        return List.copyOf(addresses);
    }

    /** The held receives' bytes as they read now, concatenated. */
    synchronized byte[] heldBytesNow() {
        ByteArrayOutputStream now = new ByteArrayOutputStream();
        for (Buf b : held) {
            byte[] copy = new byte[b.readableBytes()];
            b.getBytes(b.readIndex(), copy, 0, copy.length);
            now.writeBytes(copy);
        }
        return now.toByteArray();
    }

    /** Releases what is held and stops holding. */
    synchronized void releaseHeld() {
        hold = false;
        held.forEach(Buf::release);
        held.clear();
    }
}
