package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

// Purpose: the head parser decodes valid heads into offsets and framing, and answers each invalid or hostile head
// with its status code.
@Timeout(10)
class HttpHeadParserTest {
    private final BufferPool pool = BufferPool.create();
    private final HttpHeadParser parser = new HttpHeadParser(HttpLimits.defaults());
    private final HttpRequest request = new HttpRequest(HttpLimits.defaults().maxHeaders());

    @AfterEach
    void closePool() {
        assertEquals(0, pool.stats().inUse(), "buffers leaked");
        pool.close();
    }

    private int parse(String text) {
        Buf b = Bytes.buf(pool, Bytes.ascii(text));
        try {
            return parser.parse(b, 0, b.writeIndex(), 0, request);
        } finally {
            b.release();
        }
    }

    @Test
    void shouldDecodeRequestLineAndHeaders() {
        String head = "\r\nPOST /echo?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length:  5 \r\nX-Y:\tv w\r\n\r\n";
        Buf b = Bytes.buf(pool, Bytes.ascii(head + "hello"));
        try {
            assertEquals(head.length(), parser.parse(b, 0, b.writeIndex(), 0, request));
            assertEquals("POST", request.method(b));
            assertEquals("/echo?x=1", request.target(b));
            assertEquals(1, request.minorVersion());
            assertEquals(5, request.contentLength());
            assertEquals("v w", request.header(b, "x-y"));
            assertEquals("a", request.header(b, "HOST"));
            assertEquals(3, request.headerCount());
            assertTrue(request.keepAlive());
            assertFalse(request.isChunked());
        } finally {
            b.release();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|true",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\nConnection: close\\r\\n\\r\\n|false",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\nConnection: foo, Close\\r\\n\\r\\n|false",
        "GET / HTTP/1.0\\r\\n\\r\\n|false",
        "GET / HTTP/1.0\\r\\nConnection: Keep-Alive\\r\\n\\r\\n|true",
    })
    void shouldApplyKeepAliveRules(String head, boolean keepAlive) {
        assertTrue(parse(Bytes.unescape(head)) > 0);
        assertEquals(keepAlive, request.keepAlive());
    }

    // Purpose: the four request-target forms of RFC 9112 section 3.2 give the path to route by and the host meant;
    // an absolute-form target's authority replaces the Host header (3.2.2).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GET /plaintext?x HTTP/1.1|ORIGIN|/plaintext?x|h",
        "GET http://a.example:8080/p?q HTTP/1.1|ABSOLUTE|/p?q|a.example:8080",
        "GET HTTPS://[::1]?q HTTP/1.1|ABSOLUTE|?q|[::1]",
        "GET http://a.example HTTP/1.1|ABSOLUTE|''|a.example",
        "OPTIONS * HTTP/1.1|ASTERISK|''|h",
        "CONNECT a.example:443 HTTP/1.1|AUTHORITY|''|h",
    })
    void shouldReadEachTargetForm(String line, HttpRequest.TargetForm form, String path, String host) {
        Buf b = Bytes.buf(pool, Bytes.ascii(line + "\r\nHost: h\r\n\r\n"));
        try {
            assertEquals(b.writeIndex(), parser.parse(b, 0, b.writeIndex(), 0, request));
            assertEquals(form, request.targetForm());
            assertEquals(path, Ascii.string(b, request.pathStart(), request.targetEnd()));
            assertEquals(host, request.host(b));
        } finally {
            b.release();
        }
    }

    @ParameterizedTest(name = "{1} for {0}")
    @CsvSource(delimiter = '|', value = {
        "GET / HTTP/1.1\\nHost: a\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: a\\nX: y\\r\\n\\r\\n|400",
        "GET  / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
        "GET / HTTP/1.1 \\r\\nHost: a\\r\\n\\r\\n|400",
        "G(T / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost : a\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\n folded\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\nX: a\\x01b\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\n\\r\\n|400",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\nContent-Length: 5\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5\\r\\nContent-Length: 6\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: -5\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5, 5\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 0x5\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|400",
        "POST / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|400",
        "POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n|501",
        "POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: xchunked\\r\\n\\r\\n|501",
        "POST / HTTP/1.1\\r\\nHost: a\\r\\nExpect: 200-ok\\r\\n\\r\\n|417",
        "GET / HTTP/2.0\\r\\nHost: a\\r\\n\\r\\n|505",
        "GET / HTTP/1.2\\r\\nHost: a\\r\\n\\r\\n|505",
        "GET / HTTX/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
        "GET * HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
        "GET a:80 HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
        "OPTIONS a:80 HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
        "GET http:///p HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
        "GET http://?q HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
        "GET http:/a/p HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
        "GET ftp://a/p HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n|400",
        "GET http://a/p HTTP/1.1\\r\\n\\r\\n|400",
    })
    void shouldRejectMalformedOrSmugglingHeads(String head, int status) {
        assertEquals(-status, parse(Bytes.unescape(head)));
    }

    @Test
    void shouldAcceptRepeatedEqualContentLengths() {
        assertTrue(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\ncontent-length: 7\r\n\r\n") > 0);
        assertEquals(7, request.contentLength());
    }

    @Test
    void shouldAnswer431ForOversizedHeadComplete() {
        assertEquals(-431, parse("GET / HTTP/1.1\r\nHost: a\r\nX: " + "a".repeat(9000) + "\r\n\r\n"));
    }

    @Test
    void shouldAnswer431ForOversizedHeadStillArriving() {
        assertEquals(-431, parse("GET / HTTP/1.1\r\nHost: a\r\nX: " + "a".repeat(9000)));
    }

    /**
     * Empty lines before a request line count toward the head limit: the reader keeps an incomplete head's
     * bytes between reads, and it kept every empty line of an endless stream of them (found by
     * HttpRequestFuzzTest, input empty-lines-past-head-limit).
     */
    @Test
    void shouldAnswer431ForEmptyLinesPastTheHeadLimit() {
        int max = HttpLimits.defaults().maxHeadBytes();
        assertEquals(-431, parse("\r\n".repeat(max / 2 + 1)));
        assertEquals(-431, parse("\r\n".repeat(max / 2 + 1) + "\r"));
        assertEquals(-431, parse("\r\n".repeat(max / 2) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertEquals(HttpHeadParser.NEED_MORE, parse("\r\n".repeat(max / 2)));
    }

    @Test
    void shouldAnswer431ForTooManyHeaders() {
        assertEquals(-431, parse("GET / HTTP/1.1\r\nHost: a\r\n" + "X: y\r\n".repeat(100) + "\r\n"));
    }

    // Purpose: bytes that cannot begin a request line are refused as soon as they are seen, not after the header
    // timeout: a TLS ClientHello on the plain port, control bytes, binary noise, a line that starts with a space.
    @ParameterizedTest
    @ValueSource(strings = {"\u0016\u0003\u0001\u0002\u0000\u0001", "GE\u0000", "\u0000", "\u00ff\u00fe", " GET",
        "GET\t/", "G(ET"})
    void shouldRefuseWhatCannotStartARequestAtOnce(String start) {
        assertEquals(-400, parse(start));
    }

    // Purpose: noise longer than the head limit gets the same 400 as a short piece of it, so the answer does not
    // depend on how the bytes were split into reads (it was 431 in one read, 400 in pieces).
    @Test
    void shouldRefuseNoiseLongerThanTheHeadLimitAsNoise() {
        assertEquals(-400, parse("\u0000".repeat(HttpLimits.defaults().maxHeadBytes() + 1)));
    }

    // The fuzzer's finding (CI, 2026-12-04): empty lines past the head limit, then noise, read whole was 400 but
    // 431 when a read ended inside the empty lines. Every prefix must answer NEED_MORE or the whole input's verdict.
    @Test
    void shouldGiveTheSameVerdictHoweverTheBytesAreSplit() {
        int limit = HttpLimits.defaults().maxHeadBytes();
        for (String text : List.of(
                "\r\n".repeat(limit) + "\u0001",
                "\r\n".repeat(limit / 2 - 1) + "GET\u0001" + "x".repeat(limit),
                "\r\n".repeat(limit / 2) + "\rx",
                "G".repeat(limit) + "\u0001",
                "\u0016\u0003\u0001".repeat(limit))) {
            int whole = parse(text);
            for (int cut = 1; cut < text.length(); cut++) {
                int early = parse(text.substring(0, cut));
                if (early != HttpHeadParser.NEED_MORE) {
                    assertEquals(whole, early, "cut at " + cut + " of " + text.length());
                    break;
                }
            }
        }
    }

    @Test
    void shouldNeedMoreForARequestLineStillArriving() {
        assertEquals(HttpHeadParser.NEED_MORE, parse("GE"));
        assertEquals(HttpHeadParser.NEED_MORE, parse("GET /pla"));
        assertEquals(HttpHeadParser.NEED_MORE, parse("\r\nGET"));
    }

    @Test
    void shouldNeedMoreForIncompleteHead() {
        assertEquals(HttpHeadParser.NEED_MORE, parse("GET / HTTP/1.1\r\nHost: a\r\n\r"));
        assertEquals(HttpHeadParser.NEED_MORE, parse("\r"));
    }
}
