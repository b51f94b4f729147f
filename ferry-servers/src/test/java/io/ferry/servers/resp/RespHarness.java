package io.ferry.servers.resp;

import java.net.InetSocketAddress;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufWriter;
import io.ferry.buffer.BufferPool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives the parser and the executor without sockets: requests in, RESP replies out, on a clock the
 * test moves by hand. One test thread.
 */
final class RespHarness implements AutoCloseable {
    final BufferPool pool = BufferPool.create();
    private long now = 1_700_000_000_000L;
    final ServerState server;
    final Keyspace keyspace;
    final Session session;
    private final RespParser parser = new RespParser(RespServer.DEFAULT_MAX_BULK);
    private final CommandExecutor executor;

    RespHarness() {
        this(null);
    }

    /** @param password what AUTH must present, or null for none */
    RespHarness(String password) {
        this(password, OutputLimits.DEFAULT);
    }

    /**
     * @param password     what AUTH must present, or null for none
     * @param outputLimits the executor's limits on one client's queued replies
     */
    RespHarness(String password, OutputLimits outputLimits) {
        server = new ServerState(() -> now, password == null ? null : password.getBytes(StandardCharsets.UTF_8));
        keyspace = server.keyspace;
        session = server.open(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 6379));
        executor = new CommandExecutor(server, session, pool, outputLimits, new LoopCommands(server));
    }
    private final Request request = new Request();

    void advanceMillis(long ms) {
        now += ms;
    }

    long now() {
        return now;
    }

    /** Runs every command in {@code input} (RESP or inline) and returns the replies' text. */
    String run(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        Buf in = pool.acquire(Math.max(bytes.length, 1));
        in.writeBytes(bytes);
        try (BufWriter w = new BufWriter(pool)) {
            int at = 0;
            while (at < bytes.length) {
                int n = parser.parse(in, at, bytes.length, request);
                if (n == RespParser.INCOMPLETE) {
                    throw new AssertionError("incomplete command at " + at + " in " + input);
                }
                if (n == RespParser.FAILED) {
                    Replies.error(w, parser.error());
                    break;
                }
                request.bind(in, at);
                if (request.argc() > 0) {
                    executor.execute(request, w);
                }
                at += n;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            w.drain(b -> {
                out.writeBytes(b.toByteArray());
                b.release();
            });
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            in.release();
        }
    }

    /** Parses {@code input} in the given pieces and lists every command's arguments (or the error). */
    static List<List<String>> parse(RespParser parser, BufferPool pool, byte[] input, int[] cuts) {
        List<List<String>> commands = new ArrayList<>();
        Request req = new Request();
        Buf held = pool.acquire(Math.max(input.length, 1));
        try {
            int from = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : input.length;
                held.writeBytes(input, from, to - from);
                from = to;
                while (held.isReadable()) {
                    int start = held.readIndex();
                    int n = parser.parse(held, start, held.writeIndex(), req);
                    if (n == RespParser.INCOMPLETE) {
                        break;
                    }
                    if (n == RespParser.FAILED) {
                        commands.add(List.of("ERROR", parser.error()));
                        return commands;
                    }
                    req.bind(held, start);
                    List<String> args = new ArrayList<>();
                    for (int a = 0; a < req.argc(); a++) {
                        args.add(req.text(a));
                    }
                    if (!args.isEmpty()) {
                        commands.add(args);
                    }
                    held.readIndex(start + n);
                }
            }
            return commands;
        } finally {
            held.release();
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
