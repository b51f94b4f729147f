package io.ferry.servers.resp;

import io.ferry.buffer.BufWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code CONFIG GET parameter|pattern ...}, for the parameters clients, benchmarks and tools read at
 * start-up, with this server's values ({@code databases} is 1: only database 0 exists; no snapshots, no
 * append-only file, no memory limit; {@code client-output-buffer-limit} gives the normal class's limits, the
 * only class here). Each parameter appears once however many arguments match it; a map in RESP3, a flat
 * array of pairs in RESP2. Other subcommands are unknown.
 *
 * <p>Threads: any; stateless.
 */
final class ConfigCommand {
    private static final byte[] GET = Replies.ascii("GET");
    private static final String[][] PARAMETERS = {
        {"save", ""}, {"appendonly", "no"}, {"databases", "1"}, {"maxmemory", "0"},
        {"maxmemory-policy", "noeviction"}, {"timeout", "0"}, {"maxclients", "10000"}, {"cluster-enabled", "no"},
    };

    private ConfigCommand() {
    }

    static void execute(Request req, BufWriter w, boolean resp3, OutputLimits outputLimits) {
        if (!req.is(1, GET)) {
            Replies.error(w, "unknown subcommand '" + req.text(1) + "'. Try CONFIG HELP.");
            return;
        }
        if (req.argc() < 3) {
            Replies.error(w, CommandExecutor.wrongArity("config|get"));
            return;
        }
        String[][] parameters = Arrays.copyOf(PARAMETERS, PARAMETERS.length + 1);
        parameters[PARAMETERS.length] = new String[] {"client-output-buffer-limit", outputLimits.configValue()};
        boolean[] matched = new boolean[parameters.length];
        int pairs = 0;
        for (int i = 2; i < req.argc(); i++) {
            byte[] pattern = Replies.ascii(req.text(i).toLowerCase(Locale.ROOT));
            for (int p = 0; p < parameters.length; p++) {
                byte[] name = Replies.ascii(parameters[p][0]);
                if (!matched[p] && Glob.matches(pattern, name, name.length)) {
                    matched[p] = true;
                    pairs++;
                }
            }
        }
        Replies.mapHeader(w, pairs, resp3);
        for (int p = 0; p < parameters.length; p++) {
            if (matched[p]) {
                Replies.bulk(w, parameters[p][0]);
                Replies.bulk(w, parameters[p][1]);
            }
        }
    }
}
