package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code INFO [section ...]}: the sections clients and tools read, in Redis 7's format ({@code # Name}
 * headers, {@code field:value} lines, a blank line between sections), with this server's own figures.
 * Without a section (or with {@code default}, {@code all}, {@code everything}) every section is given;
 * an unknown section gives nothing. Allocates: INFO is not a hot command.
 *
 * <p>Threads: any connection's loop thread.
 */
final class InfoCommand {
    private static final String[] SECTIONS = {
        "server", "clients", "memory", "persistence", "stats", "replication", "cluster", "keyspace"};
    /** Like Redis's run_id: random per process start, 40 hex digits. */
    private static final String RUN_ID = runId();
    private final ServerState server;

    InfoCommand(ServerState server) {
        this.server = server;
    }

    void execute(Request req, Session session, BufWriter w) {
        StringBuilder out = new StringBuilder();
        for (String section : SECTIONS) {
            if (wanted(req, section)) {
                if (!out.isEmpty()) {
                    out.append("\r\n");
                }
                out.append("# ").append(Character.toUpperCase(section.charAt(0))).append(section, 1, section.length())
                    .append("\r\n");
                append(section, session, out);
            }
        }
        Replies.verbatim(w, out.toString(), session.resp3);
    }

    private static boolean wanted(Request req, String section) {
        if (req.argc() == 1) {
            return true;
        }
        for (int i = 1; i < req.argc(); i++) {
            String asked = req.text(i).toLowerCase(Locale.ROOT);
            if (asked.equals(section) || asked.equals("all") || asked.equals("everything") || asked.equals("default")) {
                return true;
            }
        }
        return false;
    }

    private void append(String section, Session session, StringBuilder out) {
        switch (section) {
            case "server" -> {
                long uptime = server.uptimeMillis() / 1000;
                line(out, "redis_version", ConnectionCommands.REDIS_VERSION);
                line(out, "redis_mode", "standalone");
                line(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch"));
                line(out, "arch_bits", "64");
                line(out, "process_id", ProcessHandle.current().pid());
                line(out, "run_id", RUN_ID);
                line(out, "tcp_port", port(session.laddr()));
                line(out, "uptime_in_seconds", uptime);
                line(out, "uptime_in_days", uptime / 86_400);
                line(out, "executable", "ferry");
            }
            case "clients" -> {
                line(out, "connected_clients", server.clients().size());
                line(out, "blocked_clients", 0);
                line(out, "tracking_clients", 0);
            }
            case "memory" -> {
                Runtime rt = Runtime.getRuntime();
                long used = rt.totalMemory() - rt.freeMemory();
                line(out, "used_memory", used);
                line(out, "used_memory_human", String.format(Locale.ROOT, "%.2fM", used / 1048576.0));
                line(out, "maxmemory", 0);
                line(out, "maxmemory_policy", "noeviction");
                line(out, "mem_allocator", "jvm");
            }
            case "persistence" -> {
                line(out, "loading", 0);
                line(out, "rdb_changes_since_last_save", 0);
                line(out, "rdb_bgsave_in_progress", 0);
                line(out, "aof_enabled", 0);
            }
            case "stats" -> {
                line(out, "total_connections_received", server.connectionsReceived.sum());
                line(out, "total_commands_processed", server.commands.sum());
                line(out, "keyspace_hits", server.hits.sum());
                line(out, "keyspace_misses", server.misses.sum());
                line(out, "rejected_connections", 0);
                line(out, "client_output_buffer_limit_disconnections", server.outputLimitDisconnections.sum());
            }
            case "replication" -> {
                line(out, "role", "master");
                line(out, "connected_slaves", 0);
                line(out, "master_failover_state", "no-failover");
                line(out, "master_replid", RUN_ID);
                line(out, "master_repl_offset", 0);
            }
            case "cluster" -> line(out, "cluster_enabled", 0);
            default -> {
                int keys = server.keyspace.size();
                if (keys > 0) {
                    line(out, "db0", "keys=" + keys + ",expires=" + server.keyspace.volatileKeys() + ",avg_ttl=0");
                }
            }
        }
    }

    private static void line(StringBuilder out, String field, Object value) {
        out.append(field).append(':').append(value).append("\r\n");
    }

    private static String port(String laddr) {
        int colon = laddr.lastIndexOf(':');
        return colon < 0 ? "0" : laddr.substring(colon + 1);
    }

    private static String runId() {
        StringBuilder id = new StringBuilder(40);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 40; i++) {
            id.append(Character.forDigit(random.nextInt(16), 16));
        }
        return id.toString();
    }
}
