package io.ferry.bench.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP GET through {@code wrk} (one thread, fixed connections), optionally with {@code depth}
 * requests pipelined per write through a Lua script. wrk runs on this process's CPU set.
 */
public record WrkWorkload(String name, String path, int connections, int depth, String scheme) implements Workload {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
        Pattern.MULTILINE);

    /**
     * A workload over plain HTTP.
     *
     * @param name the workload's name in the tables
     * @param path the request path
     * @param connections wrk's connections
     * @param depth requests pipelined per write
     */
    public WrkWorkload(String name, String path, int connections, int depth) {
        this(name, path, connections, depth, "http");
    }

    @Override
    public String app() {
        return "http";
    }

    @Override
    public String tool() {
        return "wrk";
    }

    @Override
    public Measurement run(InetSocketAddress target, double seconds) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Tools.find("wrk"), "-t1", "-c" + connections,
            "-d" + Math.max(1, Math.round(seconds)) + "s", "--latency"));
        Path script = null;
        if (depth > 1) {
            script = Files.createTempFile("ferry-wrk-pipeline", ".lua");
            Files.writeString(script, pipelineScript());
            cmd.addAll(List.of("-s", script.toString()));
        }
        cmd.add(scheme + "://" + target.getHostString() + ":" + target.getPort() + path);
        try {
            String out = Tools.run(cmd, (long) seconds + 30);
            Matcher rps = RPS.matcher(out);
            if (!rps.find()) {
                throw new IOException("wrk printed no Requests/sec: " + out);
            }
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            Matcher m = PERCENTILE.matcher(out);
            while (m.find()) {
                double micros = Double.parseDouble(m.group(2)) * switch (m.group(3)) {
                    case "us" -> 1;
                    case "ms" -> 1e3;
                    default -> 1e6;
                };
                if (m.group(1).equals("50")) {
                    p50 = micros;
                } else {
                    p99 = micros;
                }
            }
            if (out.contains("Non-2xx") || out.contains("Socket errors")) {
                throw new IOException("wrk saw errors: " + out.lines().filter(l -> l.contains("Non-2xx")
                    || l.contains("Socket errors")).toList());
            }
            return new Measurement(Double.parseDouble(rps.group(1)), p50, p99);
        } finally {
            if (script != null) {
                Files.deleteIfExists(script);
            }
        }
    }

    private String pipelineScript() {
        return "init = function(args)\n"
            + "  local r = {}\n"
            + "  for i = 1, " + depth + " do r[i] = wrk.format(nil, \"" + path + "\") end\n"
            + "  req = table.concat(r)\n"
            + "end\n"
            + "request = function() return req end\n";
    }
}
