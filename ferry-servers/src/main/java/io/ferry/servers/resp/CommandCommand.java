package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;

/**
 * {@code COMMAND}, {@code COMMAND COUNT}, {@code COMMAND INFO [name ...]}, {@code COMMAND DOCS [name ...]}
 * and {@code COMMAND LIST}: what clients ask at start to learn the server's commands. INFO gives each
 * command's arity, flags and key positions in Redis 7's ten-field shape (ACL categories, tips, key
 * specs and subcommands empty); DOCS maps each command to empty docs.
 *
 * <p>Threads: any; stateless.
 */
final class CommandCommand {
    private static final byte[] COUNT = Replies.ascii("COUNT");
    private static final byte[] INFO = Replies.ascii("INFO");
    private static final byte[] DOCS = Replies.ascii("DOCS");
    private static final byte[] LIST = Replies.ascii("LIST");
    private static final Command[] ALL = Command.values();

    private CommandCommand() {
    }

    static void execute(Request req, BufWriter w, boolean resp3) {
        if (req.argc() == 1) {
            all(w, resp3);
        } else if (req.is(1, COUNT)) {
            if (req.argc() != 2) {
                Replies.error(w, CommandExecutor.wrongArity("command|count"));
            } else {
                Replies.integer(w, ALL.length);
            }
        } else if (req.is(1, LIST)) {
            Replies.arrayHeader(w, ALL.length);
            for (Command c : ALL) {
                Replies.bulk(w, c.fullName());
            }
        } else if (req.is(1, INFO)) {
            info(req, w, resp3);
        } else if (req.is(1, DOCS)) {
            docs(req, w, resp3);
        } else {
            Replies.error(w, "unknown subcommand '" + req.text(1) + "'. Try COMMAND HELP.");
        }
    }

    private static void info(Request req, BufWriter w, boolean resp3) {
        if (req.argc() == 2) {
            all(w, resp3);
            return;
        }
        Replies.arrayHeader(w, req.argc() - 2);
        for (int i = 2; i < req.argc(); i++) {
            Command c = Command.named(req.text(i));
            if (c == null) {
                Replies.nil(w, resp3);
            } else {
                c.describe(w, resp3);
            }
        }
    }

    private static void all(BufWriter w, boolean resp3) {
        Replies.arrayHeader(w, ALL.length);
        for (Command c : ALL) {
            c.describe(w, resp3);
        }
    }

    private static void docs(Request req, BufWriter w, boolean resp3) {
        int known = 0;
        for (int i = 2; i < req.argc(); i++) {
            known += Command.named(req.text(i)) != null ? 1 : 0;
        }
        Replies.mapHeader(w, req.argc() == 2 ? ALL.length : known, resp3);
        for (Command c : ALL) {
            if (req.argc() == 2) {
                Replies.bulk(w, c.fullName());
                Replies.mapHeader(w, 0, resp3);
            }
        }
        for (int i = 2; i < req.argc(); i++) {
            Command c = Command.named(req.text(i));
            if (c != null) {
                Replies.bulk(w, c.fullName());
                Replies.mapHeader(w, 0, resp3);
            }
        }
    }
}
