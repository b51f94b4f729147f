package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: a Connection: close response that had to wait for the peer to read (reading paused for backpressure)
// ends in a lingering close that still reads: the peer's FIN after it read the answer closes the connection at
// once, not at the header timeout (io_uring held every such descriptor until then: a descriptor-exhaustion hole).
@Timeout(60)
class LingeringCloseAfterBackpressureTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @ParameterizedTest
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldCloseAsSoonAsThePeerHasReadTheAnswer(BackendKind kind, HttpServerFixture.Style style)
        throws Exception {
        try (HttpServerFixture server = new HttpServerFixture(kind, style, null, LONG, LONG)) {
            for (int i = 0; i < 5; i++) {
                byte[] body = "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
                try (Socket s = new Socket("127.0.0.1", server.port())) {
                    s.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().write(body); // not reading yet: the server's queue passes its high watermark
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    InputStream in = s.getInputStream();
                    in.transferTo(answer);
                    assertTrue(answer.size() > body.length, "the whole echo came back before the end of stream");
                }
            }
            assertTrue(server.awaitConnections(0, 3_000_000_000L),
                "connections still open 3 s after their peers read the answer and closed");
            server.assertQuiescent();
        }
    }
}
