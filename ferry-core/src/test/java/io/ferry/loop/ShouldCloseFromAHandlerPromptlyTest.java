package io.ferry.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.TestBackends;
import io.ferry.buffer.Buf;
import io.ferry.net.Connection;
import io.ferry.net.Handler;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Ferry.close()} (or {@code closeAsync()}) called from a handler on a loop thread shuts the runtime
 * down as soon as the handler returns, not after the close grace period, and reports no error (issue 12,
 * defect 10: it waited out the 5 s grace for its own loop and then freed a pool still in use).
 */
class ShouldCloseFromAHandlerPromptlyTest {
    static Stream<Arguments> cases() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO && TestBackends.of(k).availability().available())
            .flatMap(k -> Stream.of(Arguments.of(k, "close"), Arguments.of(k, "closeAsync")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStopWithoutWaitingOutTheGrace(BackendKind kind, String how) throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Ferry ferry = Ferry.builder().backend(kind).loops(2).errorHandler(errors::add)
            .closeGrace(120, TimeUnit.SECONDS).build();
        Consumer<Ferry> close = "close".equals(how) ? Ferry::close : Ferry::closeAsync;
        InetSocketAddress at =
            (InetSocketAddress) ferry.listen(new InetSocketAddress("127.0.0.1", 0), c -> new Handler() {
            @Override
            public void onData(Connection conn, Buf data) {
                data.release();
                close.accept(ferry);
            }
        }).localAddress();
        try (Socket s = new Socket(at.getAddress(), at.getPort())) {
            s.getOutputStream().write('x');
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "the connection is closed by the shutdown");
        }
        for (EventLoop loop : ferry.loops().loops()) {
            loop.terminationFuture().get(30, TimeUnit.SECONDS);
        }
        ferry.closeAsync().get(30, TimeUnit.SECONDS);
        assertTrue(errors.isEmpty(), "errors reported: " + errors);
    }
}
