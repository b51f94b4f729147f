package io.ferry.bench.rate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 {@code GET path} on a keep-alive connection. A response is complete after its header
 * block and {@code Content-Length} bytes of body; it must be a 200 (anything else ends the run, so an
 * error page is not counted as a fast answer). Chunked responses are not supported.
 */
public record HttpProtocol(String host, String path) implements Protocol {
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public ByteBuffer request() {
        byte[] bytes = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    @Override
    public ResponseCounter newCounter() {
        return HttpProtocol::consumeResponses;
    }

    private static int consumeResponses(ByteBuffer in) throws IOException {
        int count = 0;
        while (true) {
            int from = in.position();
            int headEnd = headerEnd(in, from, in.limit());
            if (headEnd < 0) {
                return count;
            }
            boolean ok = headEnd - from >= 12 && in.get(from + 9) == '2' && in.get(from + 10) == '0'
                && in.get(from + 11) == '0';
            if (!ok) {
                throw new IOException("not a 200 response: " + text(in, from, Math.min(headEnd, from + 40)));
            }
            long length = contentLength(in, from, headEnd);
            if (length < 0) {
                throw new IOException("response without Content-Length: " + text(in, from, headEnd));
            }
            if (in.limit() - headEnd < length) {
                return count;
            }
            in.position(headEnd + (int) length);
            count++;
        }
    }

    /** The index just past the first CRLFCRLF in [from, to), or -1. */
    private static int headerEnd(ByteBuffer in, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** The value of the Content-Length header in the head [from, to), or -1 when there is none. */
    private static long contentLength(ByteBuffer in, int from, int to) throws IOException {
        for (int line = from; line < to; ) {
            int eol = line;
            while (eol < to && in.get(eol) != '\n') {
                eol++;
            }
            if (startsWithIgnoringCase(in, line, eol)) {
                long value = 0;
                boolean digits = false;
                for (int i = line + CONTENT_LENGTH.length; i < eol; i++) {
                    byte b = in.get(i);
                    if (b >= '0' && b <= '9') {
                        value = value * 10 + (b - '0');
                        digits = true;
                    } else if (b != ' ' && b != '\t' && b != '\r') {
                        throw new IOException("bad Content-Length: " + text(in, line, eol));
                    }
                }
                if (!digits || value > 64 * 1024 * 1024) {
                    throw new IOException("bad Content-Length: " + text(in, line, eol));
                }
                return value;
            }
            line = eol + 1;
        }
        return -1;
    }

    private static boolean startsWithIgnoringCase(ByteBuffer in, int at, int to) {
        if (to - at < CONTENT_LENGTH.length) {
            return false;
        }
        for (int i = 0; i < CONTENT_LENGTH.length; i++) {
            if (Character.toLowerCase(in.get(at + i)) != CONTENT_LENGTH[i]) {
                return false;
            }
        }
        return true;
    }

    private static String text(ByteBuffer in, int from, int to) {
        byte[] b = new byte[to - from];
        in.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n");
    }
}
