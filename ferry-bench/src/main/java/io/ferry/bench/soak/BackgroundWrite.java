package io.ferry.bench.soak;

import io.ferry.bench.stress.ChaosFailure;
import io.ferry.bench.stress.ClientSocket;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A large request written on a virtual thread while the caller reads the answer: a server that answers
 * as the request arrives (echo, {@code POST /echo}) would otherwise stall against a client that only
 * reads once it has written everything, both sides' socket buffers full.
 */
final class BackgroundWrite {
    private final Thread thread;
    private final AtomicReference<ChaosFailure> failure = new AtomicReference<>();

    private BackgroundWrite(ClientSocket socket, byte[] bytes) {
        thread = Thread.ofVirtual().name("soak-writer").start(() -> {
            try {
                socket.write(bytes);
            } catch (ChaosFailure f) {
                failure.set(f);
            }
        });
    }

    /** Starts writing {@code bytes} to {@code socket}. */
    static BackgroundWrite start(ClientSocket socket, byte[] bytes) {
        return new BackgroundWrite(socket, bytes);
    }

    /** Waits (bounded by the answer timeout) for the write to end; its failure, if any, is thrown here. */
    void finish(String what) throws ChaosFailure {
        try {
            if (!thread.join(java.time.Duration.ofMillis(ClientSocket.ANSWER_TIMEOUT_MILLIS))) {
                throw ChaosFailure.hang(what + ": the write did not finish", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChaosFailure.broken(what + ": interrupted", e);
        }
        ChaosFailure f = failure.get();
        if (f != null) {
            throw f;
        }
    }
}
