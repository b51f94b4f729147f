package io.ferry.servers.faults;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

/**
 * One request and the one answer it must get, unique to it (a tag and random bytes), so that an answer that
 * is wrong or out of order cannot pass. {@link #check} reads the answer: it throws {@link EOFException} when
 * the connection ends first (a clean close, allowed under faults) and {@link AssertionError} when a byte is
 * wrong (never allowed).
 */
record Exchange(String what, byte[] request, byte[] status, byte[] body) {
    private static final byte[] HELLO = ascii("Hello, World!");
    private static final byte[] OK = ascii("HTTP/1.1 200 ");
    private static final int SMALL = 16 * 1024;
    /** One exchange in {@value #LARGE_ONE_IN} carries up to this much, to fill socket buffers and queues. */
    private static final int LARGE = 192 * 1024;
    private static final int LARGE_ONE_IN = 15;

    /** The next HTTP/1.1 exchange: a plaintext GET or a POST to /echo with a body of up to 16 KiB (or 192 KiB). */
    static Exchange http(Random random, String tag) {
        if (random.nextInt(10) < 3) {
            byte[] get = ascii("GET /plaintext HTTP/1.1\r\nHost: f\r\n\r\n");
            return new Exchange("GET /plaintext " + tag, get, OK, HELLO);
        }
        byte[] body = payload(random, tag);
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.writeBytes(ascii("POST /echo HTTP/1.1\r\nHost: f\r\nContent-Length: " + body.length + "\r\n\r\n"));
        r.writeBytes(body);
        return new Exchange("POST /echo " + tag, r.toByteArray(), OK, body);
    }

    /** The next RESP exchange: ECHO of up to 16 KiB (or 192 KiB), or SET then GET of a fresh key (two replies). */
    static Exchange resp(Random random, String tag) {
        byte[] value = payload(random, tag);
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        if (random.nextBoolean()) {
            command(r, ascii("ECHO"), value);
        } else {
            command(r, ascii("SET"), ascii(tag), value);
            command(r, ascii("GET"), ascii(tag));
            answer.writeBytes(ascii("+OK\r\n"));
        }
        answer.writeBytes(ascii("$" + value.length + "\r\n"));
        answer.writeBytes(value);
        answer.writeBytes(ascii("\r\n"));
        return new Exchange("RESP " + tag, r.toByteArray(), null, answer.toByteArray());
    }

    /** Reads this exchange's answer from {@code in} and checks every byte of it. */
    void check(InputStream in) throws IOException {
        if (status == null) {
            expect(in, body, "reply");
            return;
        }
        expect(in, status, "status line");
        readLine(in); // the reason phrase
        int length = -1;
        for (String line; !(line = readLine(in)).isEmpty(); ) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length != body.length) {
            throw new AssertionError(what + ": Content-Length " + length + ", expected " + body.length);
        }
        expect(in, body, "body");
    }

    /** Reads {@code expected.length} bytes; a prefix that matches and then ends is a close, any other byte wrong. */
    private void expect(InputStream in, byte[] expected, String part) throws IOException {
        byte[] got = in.readNBytes(expected.length);
        int n = Math.min(got.length, expected.length);
        int at = Arrays.mismatch(got, 0, n, expected, 0, n);
        if (at >= 0) {
            throw new AssertionError(what + ": wrong " + part + " at byte " + at + ": got "
                + preview(got, at) + ", expected " + preview(expected, at));
        }
        if (got.length < expected.length) {
            throw new EOFException(what + ": closed after " + got.length + " of " + expected.length + " bytes");
        }
    }

    private String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException(what + ": closed in the headers");
            }
            line.write(b);
        }
        String s = line.toString(ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String preview(byte[] b, int at) {
        return "\"" + new String(b, at, Math.min(40, b.length - at), ISO_8859_1).replace("\r\n", "\\r\\n") + "\"";
    }

    private static byte[] payload(Random random, String tag) {
        int max = random.nextInt(LARGE_ONE_IN) == 0 ? LARGE : SMALL;
        byte[] t = ascii(tag + ":");
        byte[] b = Arrays.copyOf(t, t.length + random.nextInt(max));
        for (int i = t.length; i < b.length; i++) {
            b[i] = (byte) ('a' + random.nextInt(26));
        }
        return b;
    }

    private static void command(ByteArrayOutputStream out, byte[]... args) {
        out.writeBytes(ascii("*" + args.length + "\r\n"));
        for (byte[] a : args) {
            out.writeBytes(ascii("$" + a.length + "\r\n"));
            out.writeBytes(a);
            out.writeBytes(ascii("\r\n"));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(ISO_8859_1);
    }
}
