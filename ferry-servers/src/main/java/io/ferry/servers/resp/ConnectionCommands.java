package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;

/**
 * The commands about the connection itself, as clients send them while connecting: HELLO, AUTH,
 * SELECT and CLIENT (ID, INFO, LIST, SETNAME, GETNAME, SETINFO, KILL, NO-EVICT), with Redis 7's
 * replies and error texts.
 *
 * <p>Threads: the connection's loop thread (it writes its {@link Session}).
 */
final class ConnectionCommands {
    /** What HELLO reports: the Redis release whose behaviour this server follows. */
    static final String REDIS_VERSION = "7.0.0";
    private static final byte[] AUTH = Replies.ascii("AUTH");
    private static final byte[] SETNAME = Replies.ascii("SETNAME");
    private static final byte[] ID = Replies.ascii("ID");
    private static final byte[] INFO = Replies.ascii("INFO");
    private static final byte[] LIST = Replies.ascii("LIST");
    private static final byte[] GETNAME = Replies.ascii("GETNAME");
    private static final byte[] SETINFO = Replies.ascii("SETINFO");
    private static final byte[] KILL = Replies.ascii("KILL");
    private static final byte[] NO_EVICT = Replies.ascii("NO-EVICT");
    private static final byte[] LIB_NAME = Replies.ascii("LIB-NAME");
    private static final byte[] LIB_VER = Replies.ascii("LIB-VER");
    private static final byte[] TYPE = Replies.ascii("TYPE");
    private static final byte[] NORMAL = Replies.ascii("NORMAL");
    private static final byte[] ADDR = Replies.ascii("ADDR");
    private static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    private static final String BAD_NAME = "Client names cannot contain spaces, newlines or special characters.";
    private final ServerState server;
    private final Session session;

    ConnectionCommands(ServerState server, Session session) {
        this.server = server;
        this.session = session;
    }

    /** {@code HELLO [protover [AUTH username password] [SETNAME clientname]]}. */
    void hello(Request req, BufWriter w) {
        long version = 0;
        if (req.argc() >= 2) {
            if (!req.parseLong(1)) {
                Replies.error(w, "Protocol version is not an integer or out of range");
                return;
            }
            version = req.number();
            if (version < 2 || version > 3) {
                Replies.coded(w, "NOPROTO unsupported protocol version");
                return;
            }
        }
        int user = -1;
        int name = -1;
        for (int j = 2; j < req.argc(); j++) {
            int more = req.argc() - 1 - j;
            if (req.is(j, AUTH) && more >= 2) {
                user = j + 1;
                j += 2;
            } else if (req.is(j, SETNAME) && more >= 1) {
                name = ++j;
            } else {
                Replies.error(w, "Syntax error in HELLO option '" + req.text(j) + "'");
                return;
            }
        }
        if (user >= 0) {
            if (!server.accepts(req, user, user + 1)) {
                Replies.coded(w, WRONGPASS);
                return;
            }
            session.authenticated = true;
        }
        if (!session.authenticated) {
            Replies.coded(w, "NOAUTH HELLO must be called with the client already authenticated, otherwise the "
                + "HELLO AUTH <user> <pass> option can be used to authenticate the client and select the "
                + "RESP protocol version at the same time");
            return;
        }
        if (name >= 0 && !setName(req, name, w)) {
            return;
        }
        if (version != 0) {
            session.resp3 = version == 3;
        }
        boolean resp3 = session.resp3;
        Replies.mapHeader(w, 7, resp3);
        Replies.bulk(w, "server");
        Replies.bulk(w, "redis");
        Replies.bulk(w, "version");
        Replies.bulk(w, REDIS_VERSION);
        Replies.bulk(w, "proto");
        Replies.integer(w, resp3 ? 3 : 2);
        Replies.bulk(w, "id");
        Replies.integer(w, session.id);
        Replies.bulk(w, "mode");
        Replies.bulk(w, "standalone");
        Replies.bulk(w, "role");
        Replies.bulk(w, "master");
        Replies.bulk(w, "modules");
        Replies.arrayHeader(w, 0);
    }

    /** {@code AUTH [username] password}. */
    void auth(Request req, BufWriter w) {
        if (req.argc() > 3) {
            Replies.error(w, CommandExecutor.SYNTAX);
        } else if (req.argc() == 2 && !server.requiresPassword()) {
            Replies.error(w, "AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?");
        } else if (server.accepts(req, req.argc() == 3 ? 1 : -1, req.argc() - 1)) {
            session.authenticated = true;
            Replies.raw(w, Replies.OK);
        } else {
            Replies.coded(w, WRONGPASS);
        }
    }

    /** {@code SELECT index}: only database 0 exists. */
    static void select(Request req, BufWriter w) {
        if (!req.parseLong(1) || req.number() != (int) req.number()) {
            Replies.error(w, CommandExecutor.NOT_AN_INTEGER);
        } else if (req.number() != 0) {
            Replies.error(w, "DB index is out of range");
        } else {
            Replies.raw(w, Replies.OK);
        }
    }

    void client(Request req, BufWriter w) {
        int argc = req.argc();
        boolean resp3 = session.resp3;
        if (req.is(1, ID)) {
            session.lastCommand = "client|id";
            if (arity(req, w, argc == 2, "client|id")) {
                Replies.integer(w, session.id);
            }
        } else if (req.is(1, INFO)) {
            session.lastCommand = "client|info";
            if (arity(req, w, argc == 2, "client|info")) {
                Replies.verbatim(w, session.describe(server.keyspace.now()), resp3);
            }
        } else if (req.is(1, LIST)) {
            session.lastCommand = "client|list";
            list(req, w, resp3);
        } else if (req.is(1, SETNAME)) {
            session.lastCommand = "client|setname";
            if (arity(req, w, argc == 3, "client|setname") && setName(req, 2, w)) {
                Replies.raw(w, Replies.OK);
            }
        } else if (req.is(1, GETNAME)) {
            session.lastCommand = "client|getname";
            if (arity(req, w, argc == 2, "client|getname")) {
                String name = session.name;
                if (name.isEmpty()) {
                    Replies.nil(w, resp3);
                } else {
                    Replies.bulk(w, name);
                }
            }
        } else if (req.is(1, SETINFO)) {
            session.lastCommand = "client|setinfo";
            if (arity(req, w, argc == 4, "client|setinfo")) {
                setInfo(req, w);
            }
        } else if (req.is(1, KILL)) {
            session.lastCommand = "client|kill";
            kill(req, w);
        } else if (req.is(1, NO_EVICT)) {
            session.lastCommand = "client|no-evict";
            if (arity(req, w, argc == 3, "client|no-evict")) {
                Replies.raw(w, Replies.OK);
            }
        } else {
            Replies.error(w, "unknown subcommand '" + req.text(1) + "'. Try CLIENT HELP.");
        }
    }

    private static boolean arity(Request req, BufWriter w, boolean ok, String name) {
        if (!ok) {
            Replies.error(w, CommandExecutor.wrongArity(name));
        }
        return ok;
    }

    /** {@code CLIENT LIST [TYPE NORMAL] [ID id ...]}: every connection is a normal client here. */
    private void list(Request req, BufWriter w, boolean resp3) {
        long now = server.keyspace.now();
        StringBuilder out = new StringBuilder();
        if (req.argc() == 2 || req.argc() == 4 && req.is(2, TYPE) && req.is(3, NORMAL)) {
            for (Session s : server.clients()) {
                out.append(s.describe(now));
            }
        } else if (req.argc() >= 4 && req.is(2, ID)) {
            for (int i = 3; i < req.argc(); i++) {
                if (!req.parseLong(i) || req.number() <= 0) {
                    Replies.error(w, "Invalid client ID");
                    return;
                }
                Session s = server.client(req.number());
                if (s != null) {
                    out.append(s.describe(now));
                }
            }
        } else {
            Replies.error(w, CommandExecutor.SYNTAX);
            return;
        }
        Replies.verbatim(w, out.toString(), resp3);
    }

    /** Sets the name from argument {@code arg} (empty clears it); false after replying with Redis's error. */
    private boolean setName(Request req, int arg, BufWriter w) {
        if (!printable(req, arg)) {
            Replies.error(w, BAD_NAME);
            return false;
        }
        session.name = req.text(arg);
        return true;
    }

    /** {@code CLIENT SETINFO LIB-NAME|LIB-VER value}, as Redis 7.2 has it. */
    private void setInfo(Request req, BufWriter w) {
        boolean libName = req.is(2, LIB_NAME);
        if (!libName && !req.is(2, LIB_VER)) {
            Replies.error(w, "Unrecognized option '" + req.text(2) + "'");
        } else if (!printable(req, 3)) {
            Replies.error(w, (libName ? "lib-name" : "lib-ver")
                + " cannot contain spaces, newlines or special characters.");
        } else {
            if (libName) {
                session.libName = req.text(3);
            } else {
                session.libVersion = req.text(3);
            }
            Replies.raw(w, Replies.OK);
        }
    }

    /** {@code CLIENT KILL ip:port} or {@code CLIENT KILL ID id | ADDR ip:port}: closes those connections. */
    private void kill(Request req, BufWriter w) {
        if (req.argc() == 3) {
            Session s = byAddress(req.text(2));
            if (s == null) {
                Replies.error(w, "No such client");
            } else {
                s.kill();
                Replies.raw(w, Replies.OK);
            }
            return;
        }
        if (req.argc() != 4 || !req.is(2, ID) && !req.is(2, ADDR)) {
            Replies.error(w, CommandExecutor.SYNTAX);
            return;
        }
        Session s;
        if (req.is(2, ID)) {
            if (!req.parseLong(3) || req.number() <= 0) {
                Replies.error(w, "client-id should be greater than 0");
                return;
            }
            s = server.client(req.number());
        } else {
            s = byAddress(req.text(3));
        }
        if (s != null) {
            s.kill();
        }
        Replies.integer(w, s == null ? 0 : 1);
    }

    private Session byAddress(String addr) {
        for (Session s : server.clients()) {
            if (s.addr().equals(addr)) {
                return s;
            }
        }
        return null;
    }

    /** Redis's rule for names: every byte between '!' and '~'. */
    private static boolean printable(Request req, int arg) {
        for (int i = 0; i < req.length(arg); i++) {
            int b = req.buf().getByte(req.index(arg) + i);
            if (b < '!' || b > '~') {
                return false;
            }
        }
        return true;
    }
}
