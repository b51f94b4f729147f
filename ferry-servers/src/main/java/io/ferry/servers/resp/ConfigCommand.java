package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;

/**
 * CONFIG GET, as far as benchmarks and clients ask at start-up: {@code save} (empty: no snapshots)
 * and {@code appendonly} ({@code no}); other parameters match nothing. Other subcommands are unknown.
 *
 * <p>Threads: any; stateless.
 */
final class ConfigCommand {
    private static final byte[] GET = Replies.ascii("GET");
    private static final byte[] SAVE = Replies.ascii("SAVE");
    private static final byte[] APPENDONLY = Replies.ascii("APPENDONLY");
    private static final byte[] SAVE_PAIR = Replies.ascii("$4\r\nsave\r\n$0\r\n\r\n");
    private static final byte[] APPENDONLY_PAIR = Replies.ascii("$10\r\nappendonly\r\n$2\r\nno\r\n");

    private ConfigCommand() {
    }

    static void execute(Request req, BufWriter w) {
        if (!req.is(1, GET)) {
            Replies.error(w, "unknown subcommand '" + req.text(1) + "'. Try CONFIG HELP.");
            return;
        }
        if (req.argc() < 3) {
            Replies.error(w, CommandExecutor.wrongArity("config|get"));
            return;
        }
        int pairs = 0;
        for (int i = 2; i < req.argc(); i++) {
            pairs += req.is(i, SAVE) || req.is(i, APPENDONLY) ? 1 : 0;
        }
        Replies.arrayHeader(w, 2L * pairs);
        for (int i = 2; i < req.argc(); i++) {
            if (req.is(i, SAVE)) {
                Replies.raw(w, SAVE_PAIR);
            } else if (req.is(i, APPENDONLY)) {
                Replies.raw(w, APPENDONLY_PAIR);
            }
        }
    }
}
