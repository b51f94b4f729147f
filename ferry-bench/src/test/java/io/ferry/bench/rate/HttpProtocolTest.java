package io.ferry.bench.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

// Purpose: the paced HTTP client counts whole responses however the bytes arrive (split anywhere, several in one
// read, header names in any case) and refuses what would make a run look fast: non-200 answers, no length.
class HttpProtocolTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nServer: x\r\ncontent-LENGTH: 13\r\n\r\nHello, World!";
    private final Protocol.ResponseCounter counter = new HttpProtocol("127.0.0.1", "/plaintext").newCounter();

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldCountResponsesSplitAtEveryByte() throws IOException {
        String two = OK + OK;
        ByteBuffer in = ByteBuffer.allocate(two.length());
        int counted = 0;
        for (int i = 0; i < two.length(); i++) {
            in.put((byte) two.charAt(i)).flip();
            counted += counter.consume(in);
            in.compact();
        }
        assertEquals(2, counted);
        assertEquals(0, in.position(), "nothing left over");
    }

    @Test
    void shouldCountSeveralResponsesInOneRead() throws IOException {
        ByteBuffer in = bytes(OK + OK + OK + OK.substring(0, 20));
        assertEquals(3, counter.consume(in));
        assertEquals(20, in.remaining(), "the incomplete fourth stays");
    }

    @Test
    void shouldRefuseAnErrorResponse() {
        assertThrows(IOException.class, () -> counter.consume(bytes("HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n")));
    }

    @Test
    void shouldRefuseAResponseWithoutLength() {
        assertThrows(IOException.class,
            () -> counter.consume(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")));
    }

    @Test
    void shouldWriteAKeepAliveGet() {
        ByteBuffer r = new HttpProtocol("127.0.0.1", "/plaintext").request();
        byte[] b = new byte[r.remaining()];
        r.get(b);
        assertEquals("GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", new String(b, StandardCharsets.US_ASCII));
    }
}
