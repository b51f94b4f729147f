package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.servers.http.HttpServerFixture.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

// Purpose: requests pipelined in one write (through nc) are answered in order, including a /files read that
// completes later, in both styles, and HTTP/1.0 and Connection: close end the connection after their response.
@Timeout(60)
class NcPipeliningTest {
    private static final String GET = "GET /plaintext HTTP/1.1\r\nHost: t\r\n\r\n";
    private static final Pattern BODY = Pattern.compile("Content-Length: (\\d+)\r\n(?:[^\r\n]+\r\n)*\r\n");

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldAnswerPipelinedRequestsInOrder(BackendKind kind, Style style) throws Exception {
        Files.writeString(root.resolve("f.txt"), "from a file");
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            String requests = GET + GET
                + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nfirst"
                + "GET /files/f.txt HTTP/1.1\r\nHost: t\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nsec\r\n3\r\nond\r\n0\r\n\r\n"
                + GET.repeat(16)
                + "GET /plaintext HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                + GET;
            Clients.Result r = Clients.nc(fx.port(), requests);
            String expected = "Hello, World!".repeat(2) + "first" + "from a file" + "second"
                + "Hello, World!".repeat(17);
            assertEquals(expected, bodies(r.text()), r.text());
            assertTrue(r.text().endsWith("Connection: close\r\n\r\nHello, World!"), r.text());
            fx.assertQuiescent();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.ferry.servers.http.HttpServerFixture#servers")
    void shouldKeepHttp10OpenOnlyWhenAsked(BackendKind kind, Style style) throws Exception {
        try (HttpServerFixture fx = new HttpServerFixture(kind, style, root)) {
            String r = Clients.nc(fx.port(), "GET /plaintext HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                + "GET /plaintext HTTP/1.0\r\n\r\n" + GET).text();
            assertEquals("Hello, World!".repeat(2), bodies(r), r);
            assertTrue(r.contains("Connection: keep-alive\r\n"), r);
            assertTrue(r.endsWith("Connection: close\r\n\r\nHello, World!"), r);
            fx.assertQuiescent();
        }
    }

    /** The bodies of the responses in {@code stream}, concatenated. */
    static String bodies(String stream) {
        StringBuilder out = new StringBuilder();
        Matcher m = BODY.matcher(stream);
        int at = 0;
        while (m.find(at)) {
            int length = Integer.parseInt(m.group(1));
            out.append(stream, m.end(), Math.min(stream.length(), m.end() + length));
            at = m.end() + length;
            if (at > stream.length()) {
                break;
            }
        }
        return out.toString();
    }
}
