package io.ferry.servers.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: one loopback connection that sends raw request bytes and reads responses one at a time (framed by
 * Content-Length), with a 10 s read timeout so no test hangs.
 */
final class RawHttp implements AutoCloseable {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?imd)^content-length: *(\\d+)\r$");
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A response: its head (status line and headers, ending in the blank line) and its body. */
    record Response(String head, String body) {
        /** The value of the first header named {@code name} (any case), or null. */
        String header(String name) {
            Matcher m = Pattern.compile("(?imd)^" + Pattern.quote(name) + ": *(.*?)\r$").matcher(head);
            return m.find() ? m.group(1) : null;
        }

        boolean hasStatus(int code) {
            return head.startsWith("HTTP/1.1 " + code + " ");
        }
    }

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawHttp send(String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** The next response, its body read when {@code withBody} (false for a HEAD); null at end of stream. */
    Response read(boolean withBody) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("connection ended inside a response head: " + head);
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher m = CONTENT_LENGTH.matcher(text);
        int length = withBody && m.find() ? Integer.parseInt(m.group(1)) : 0;
        return new Response(text, new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
    }

    Response read() throws IOException {
        return read(true);
    }

    /** True when the server has closed its side: the next read finds end of stream (within the timeout). */
    boolean atEnd() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
