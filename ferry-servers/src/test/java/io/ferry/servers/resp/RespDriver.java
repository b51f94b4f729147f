package io.ferry.servers.resp;

import io.ferry.servers.SplitReads;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufferPool;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives one connection's {@link RespParser} without sockets, the way {@link RespHandler} does: each piece is
 * a read, commands are parsed where they lie, and an incomplete command is moved into a fresh pool buffer for
 * the next read (the parser resumes relative to the command's first byte). Each read is handed over in a view
 * exactly as long as the bytes received, so a read past them throws.
 *
 * <p>Records each command's arguments (an empty line or array as an empty list) and a protocol error as
 * {@code [ERROR, message]}; asserts on the way that a command has a positive length within the bytes at hand,
 * that every argument lies inside its command, that an error is worded as Redis does and ends the connection.
 * Every buffer it takes is released before {@link #read} returns.
 */
final class RespDriver implements SplitReads.Reader {
    /** A small bulk limit, so that inputs of a few KiB reach it. */
    static final long MAX_BULK = 64;
    private final BufferPool pool;
    private final RespParser parser = new RespParser(MAX_BULK);
    private final Request request = new Request();
    private final List<List<String>> transcript = new ArrayList<>();
    private boolean failed;
    private int held;

    RespDriver(BufferPool pool) {
        this.pool = pool;
    }

    /** Feeds {@code pieces} as successive reads; returns the commands and the error, if any. */
    List<List<String>> read(byte[]... pieces) {
        SplitReads.feed(pool, this, pieces);
        return transcript;
    }

    @Override
    public boolean ended() {
        return failed;
    }

    @Override
    public int held() {
        return held;
    }

    /** True when the last read ended between two commands and without an error. */
    boolean idle() {
        return !failed && held == 0;
    }

    /** Parses the commands {@code in} holds; returns a copy of an incomplete one to carry over, or null. */
    @Override
    public Buf consume(Buf in) {
        int to = in.writeIndex();
        int at = 0;
        while (at < to) {
            int length = parser.parse(in, at, to, request);
            if (length == RespParser.INCOMPLETE) {
                break;
            }
            if (length == RespParser.FAILED) {
                String error = parser.error();
                assertTrue(error.startsWith("Protocol error: "), error);
                transcript.add(List.of("ERROR", error));
                failed = true;
                held = 0;
                return null;
            }
            assertTrue(length > 0 && length <= to - at, "command of " + length + " bytes with " + (to - at) + " left");
            request.bind(in, at);
            List<String> args = new ArrayList<>();
            for (int i = 0; i < request.argc(); i++) {
                int from = request.index(i);
                assertTrue(from >= at && request.length(i) >= 0 && from + request.length(i) <= at + length,
                    "argument " + i + " outside its command");
                args.add(request.text(i));
            }
            transcript.add(args);
            at += length;
        }
        held = to - at;
        if (held == 0) {
            return null;
        }
        Buf tail = pool.acquire(held);
        tail.setBytes(0, in, at, held);
        tail.writeIndex(held);
        return tail;
    }
}
