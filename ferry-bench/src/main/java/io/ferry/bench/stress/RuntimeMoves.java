package io.ferry.bench.stress;

import io.ferry.Ferry;
import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import io.ferry.net.Listener;
import io.ferry.net.blocking.FerryServer;
import io.ferry.net.blocking.FerrySocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves that use the runtime as a client and as a whole: handler-style and straight-line connects,
 * connects that must fail cleanly (refused, unresolved), and a {@link Ferry} closed from one of its
 * own handlers or from a virtual thread its loop carries.
 */
final class RuntimeMoves {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static final long WAIT_SECONDS = ClientSocket.ANSWER_TIMEOUT_MILLIS / 1000;
    private final SplittableRandom random;
    private final ConnectionGauge live;

    RuntimeMoves(SplittableRandom random, ConnectionGauge live) {
        this.random = random;
        this.live = live;
    }

    /** Ferry.connect to the echo server; the handler sends, collects the echo, then closes or aborts. */
    void handlerClient(Ferry ferry, InetSocketAddress server) throws ChaosFailure {
        byte[] payload = new byte[1 + random.nextInt(128 * 1024)];
        random.nextBytes(payload);
        boolean abort = random.nextInt(4) == 0;
        CollectingClient client = new CollectingClient(payload, abort);
        live.opened();
        try {
            await(ferry.connect(server, client, Duration.ofSeconds(WAIT_SECONDS)), "Ferry.connect to " + server);
            byte[] echoed = await(client.result, "the handler-style client's echo from " + server);
            if (!abort && !Arrays.equals(echoed, payload)) {
                throw ChaosFailure.broken("handler-style client: echo of " + echoed.length + " bytes differs from the "
                    + payload.length + " sent");
            }
        } finally {
            live.closed();
        }
    }

    /** FerrySocket.connect to the straight-line server from this platform thread, an echo, then close or abort. */
    void blockingClient(Ferry ferry, InetSocketAddress server) throws ChaosFailure {
        byte[] payload = new byte[1 + random.nextInt(64 * 1024)];
        random.nextBytes(payload);
        live.opened();
        try (FerrySocket socket = FerrySocket.connect(ferry, server, Duration.ofSeconds(WAIT_SECONDS))) {
            socket.setReadTimeout(Duration.ofSeconds(WAIT_SECONDS));
            socket.setWriteTimeout(Duration.ofSeconds(WAIT_SECONDS));
            socket.write(ServerAct.ECHO.preamble(0), 0, ServerAct.PREAMBLE);
            socket.write(payload, 0, payload.length);
            socket.flush();
            byte[] back = new byte[payload.length];
            for (int at = 0; at < back.length; ) {
                int n = socket.read(back, at, back.length - at);
                if (n < 0) {
                    throw ChaosFailure.broken("FerrySocket: end of stream after " + at + " of " + back.length);
                }
                at += n;
            }
            if (!Arrays.equals(back, payload)) {
                throw ChaosFailure.broken("FerrySocket: the echo differs from what was sent");
            }
            if (random.nextBoolean()) {
                socket.abort();
            }
        } catch (SocketTimeoutException e) {
            throw ChaosFailure.hang("FerrySocket echo from " + server, e);
        } catch (IOException e) {
            throw ChaosFailure.broken("FerrySocket echo from " + server, e);
        } finally {
            live.closed();
        }
    }

    /** Connects that cannot succeed fail with a ConnectException naming the address, on both styles. */
    void failingConnects(Ferry ferry) throws ChaosFailure {
        try (RefusingPort refusing = RefusingPort.open()) {
            InetSocketAddress unresolved = InetSocketAddress.createUnresolved("chaos.invalid", 80);
            for (InetSocketAddress to : new InetSocketAddress[] {refusing.address(), unresolved}) {
                connectMustFail(ferry, to);
            }
        } catch (IOException e) {
            throw ChaosFailure.broken("no port to refuse", e);
        }
    }

    private static void connectMustFail(Ferry ferry, InetSocketAddress to) throws ChaosFailure {
        CompletableFuture<Connection> handlerStyle =
            ferry.connect(to, (c, d) -> d.release(), Duration.ofSeconds(WAIT_SECONDS));
        try {
            Connection c = handlerStyle.get(WAIT_SECONDS, TimeUnit.SECONDS);
            c.loop().execute(c::abort);
            throw ChaosFailure.broken("Ferry.connect to " + to + " succeeded");
        } catch (ExecutionException e) {
            expectConnectException(e.getCause(), to);
        } catch (TimeoutException e) {
            throw ChaosFailure.hang("Ferry.connect to " + to + ": neither failed nor succeeded in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChaosFailure.broken("interrupted", e);
        }
        try (FerrySocket s = FerrySocket.connect(ferry, to, Duration.ofSeconds(WAIT_SECONDS))) {
            throw ChaosFailure.broken("FerrySocket.connect to " + to + " succeeded: " + s);
        } catch (IOException e) {
            expectConnectException(e, to);
        }
    }

    /** A second Ferry closed from its own handler (closeAsync) must terminate promptly. */
    void closeFromHandler(ChaosSettings settings) throws ChaosFailure {
        Ferry mini = miniFerry(settings);
        CompletableFuture<CompletableFuture<Void>> closing = new CompletableFuture<>();
        try {
            Listener l = mini.listen(ANY_PORT, c -> (conn, data) -> {
                data.release();
                closing.complete(mini.closeAsync());
            });
            poke((InetSocketAddress) l.localAddress());
            await(await(closing, "the handler that closes its Ferry"), "Ferry.closeAsync() from a handler");
        } catch (IOException e) {
            throw ChaosFailure.broken("a Ferry to close from a handler", e);
        } finally {
            mini.close();
        }
    }

    /** A second Ferry closed from a virtual thread its own loop carries: close() must return. */
    void closeFromCarriedThread(ChaosSettings settings) throws ChaosFailure {
        Ferry mini = miniFerry(settings);
        CompletableFuture<Void> returned = new CompletableFuture<>();
        try (FerryServer server = FerryServer.bind(mini, ANY_PORT, socket -> {
            socket.read().release();
            mini.close();
            returned.complete(null);
        })) {
            poke((InetSocketAddress) server.localAddress());
            await(returned, "Ferry.close() from a virtual thread its loop carries");
        } catch (IOException e) {
            throw ChaosFailure.broken("a Ferry to close from a carried thread", e);
        } finally {
            mini.close();
        }
    }

    private void poke(InetSocketAddress server) throws ChaosFailure {
        try (ClientSocket s = ClientSocket.connect(server, live)) {
            s.write(new byte[] {1});
            s.expectEnd("the closing Ferry's connection", true);
        }
    }

    private static Ferry miniFerry(ChaosSettings settings) throws ChaosFailure {
        try {
            return settings.builder().loops(1).taskQueueCapacity(settings.taskQueue())
                .closeGrace(1, TimeUnit.SECONDS).build();
        } catch (IOException e) {
            throw ChaosFailure.broken("a second Ferry could not start", e);
        }
    }

    private static void expectConnectException(Throwable failure, InetSocketAddress to) throws ChaosFailure {
        if (!(failure instanceof ConnectException) || failure.getMessage() == null
            || !failure.getMessage().startsWith("connect to ")) {
            throw ChaosFailure.broken("connect to " + to + " failed with " + failure
                + ", not ConnectException(\"connect to ... failed: ...\")", failure);
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) throws ChaosFailure {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw ChaosFailure.hang(what + ": not done in " + WAIT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            throw ChaosFailure.broken(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChaosFailure.broken(what + ": interrupted", e);
        }
    }

    /** Sends the echo preamble and a payload on open, collects the echo, then closes (or aborts halfway). */
    private static final class CollectingClient implements Handler {
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final byte[] payload;
        private final boolean abortHalfway;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        CollectingClient(byte[] payload, boolean abortHalfway) {
            this.payload = payload;
            this.abortHalfway = abortHalfway;
        }

        @Override
        public void onOpen(Connection connection) {
            connection.writer().write(ServerAct.ECHO.preamble(0));
            connection.writer().write(payload);
            connection.flush();
        }

        @Override
        public void onData(Connection connection, Buf data) {
            byte[] chunk = new byte[data.readableBytes()];
            data.readBytes(chunk, 0, chunk.length);
            data.release();
            received.writeBytes(chunk);
            if (abortHalfway && received.size() >= payload.length / 2) {
                connection.abort();
            } else if (received.size() >= payload.length) {
                connection.close();
            }
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            if (cause != null && !abortHalfway) {
                result.completeExceptionally(cause);
            } else {
                result.complete(received.toByteArray());
            }
        }
    }
}
