package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Purpose: chunked and fixed-length bodies decode to their bytes and stop at the body's end; bad framing is 400
// (a chunk size past 63 bits among it: it cannot be a length), too much body 413.
@Timeout(10)
class BodyDecoderTest {
    private final BufferPool pool = BufferPool.create();
    private final BodyDecoder decoder = new BodyDecoder(HttpLimits.defaults().withMaxBodyBytes(100));
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @AfterEach
    void closePool() {
        assertEquals(0, pool.stats().inUse(), "buffers leaked");
        pool.close();
    }

    private int decode(String text) {
        Buf b = Bytes.buf(pool, Bytes.ascii(text));
        try {
            return decoder.decode(b, 0, b.writeIndex(), (buf, index, length) -> {
                byte[] piece = new byte[length];
                buf.getBytes(index, piece, 0, length);
                body.writeBytes(piece);
            });
        } finally {
            b.release();
        }
    }

    @Test
    void shouldDecodeChunksWithExtensionsAndTrailers() {
        decoder.startChunked();
        String chunked = "5;name=v\r\nhello\r\nA\r\n, world!!!\r\n0\r\nX-Trailer: t\r\n\r\n";
        assertEquals(chunked.length(), decode(chunked + "GET /next"));
        assertTrue(decoder.isDone());
        assertEquals("hello, world!!!", body.toString());
    }

    @Test
    void shouldStopFixedBodyAtItsLength() {
        decoder.startFixed(3);
        assertEquals(3, decode("abcdef"));
        assertTrue(decoder.isDone());
        assertEquals("abc", body.toString());
    }

    @ParameterizedTest(name = "{1} for {0}")
    @CsvSource(delimiter = '|', value = {
        "x\\r\\nhello\\r\\n|400",
        "\\r\\n|400",
        "5 \\r\\nhello\\r\\n|400",
        "5\\nhello\\r\\n|400",
        "5\\r\\nhelloXX|400",
        "-1\\r\\n|400",
        "65\\r\\n|413",
        "7fffffffffffffff\\r\\n|413",
        "00000000000000000065\\r\\n|413",
        "fffffffffffffffffff\\r\\n|400",
        "10000000000000000\\r\\n|400",
        "8000000000000000;ext\\r\\n|400",
        "0\\r\\nX: y\\n|400",
    })
    void shouldRejectBadChunkFraming(String chunked, int status) {
        decoder.startChunked();
        assertEquals(-status, decode(Bytes.unescape(chunked)));
    }
}
