package io.ferry.bench.suite;

import io.ferry.bench.harness.Contender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP GET through {@code wrk} (one thread, fixed connections), optionally with {@code depth}
 * requests pipelined per write through a Lua script, or with one request per connection
 * ({@code Connection: close}: over https, a full TLS handshake per request, since wrk never resumes
 * sessions). wrk runs on this process's CPU set. Its server kind ({@link #app()}) is the scheme, so
 * https workloads drive the servers started with TLS.
 *
 * @param name the workload's name in the tables
 * @param path the request path
 * @param connections wrk's connections
 * @param depth requests pipelined per write
 * @param scheme http or https
 * @param closeEach whether every request asks for {@code Connection: close} (wrk then reconnects)
 */
public record WrkWorkload(String name, String path, int connections, int depth, String scheme, boolean closeEach)
    implements Workload {
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

    /**
     * A keep-alive workload over {@code scheme}.
     *
     * @param name the workload's name in the tables
     * @param path the request path
     * @param connections wrk's connections
     * @param depth requests pipelined per write
     * @param scheme http or https
     */
    public WrkWorkload(String name, String path, int connections, int depth, String scheme) {
        this(name, path, connections, depth, scheme, false);
    }

    /**
     * New connections per second: one request on each, {@code Connection: close}; over https a full
     * handshake each (wrk's OpenSSL client never offers a session to resume).
     *
     * @param name the workload's name in the tables
     * @param path the request path
     * @param connections connections wrk keeps in flight
     * @param scheme http or https
     * @return the workload
     */
    public static WrkWorkload newConnectionEach(String name, String path, int connections, String scheme) {
        return new WrkWorkload(name, path, connections, 1, scheme, true);
    }

    /** {@return the scheme: http or https, each its own set of servers} */
    @Override
    public String app() {
        return scheme;
    }

    @Override
    public String tool() {
        return "wrk";
    }

    @Override
    public Measurement run(InetSocketAddress target, double seconds) throws IOException {
        Path script = null;
        Path openssl = null;
        try {
            if (depth > 1) {
                script = Files.createTempFile("ferry-wrk-pipeline", ".lua");
                Files.writeString(script, pipelineScript());
            }
            Map<String, String> env = Map.of();
            if (scheme.equals("https")) {
                openssl = Files.createTempFile("ferry-wrk-openssl", ".cnf");
                Files.writeString(openssl, opensslConfig());
                env = Map.of("OPENSSL_CONF", openssl.toString());
            }
            String out = Tools.run(command(Tools.find("wrk"), target, seconds, script), (long) seconds + 30, env);
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
            if (openssl != null) {
                Files.deleteIfExists(openssl);
            }
        }
    }

    /** The wrk command line; {@code script} is the pipelining script, or null. */
    List<String> command(String wrk, InetSocketAddress target, double seconds, Path script) {
        List<String> cmd = new ArrayList<>(List.of(wrk, "-t1", "-c" + connections,
            "-d" + Math.max(1, Math.round(seconds)) + "s", "--latency"));
        if (script != null) {
            cmd.addAll(List.of("-s", script.toString()));
        }
        if (closeEach) {
            cmd.addAll(List.of("-H", "Connection: close"));
        }
        cmd.add(scheme + "://" + target.getHostString() + ":" + target.getPort() + path);
        return cmd;
    }

    /**
     * OpenSSL's configuration for wrk over https ({@code OPENSSL_CONF}): TLS 1.3 offering only
     * TLS_AES_128_GCM_SHA256. wrk has no option for it, and BoringSSL (Netty's tcnative) ignores a
     * server-side TLS 1.3 suite list, so the client is where every contender is held to the same suite.
     */
    static String opensslConfig() {
        return """
            openssl_conf = ferry_bench
            [ferry_bench]
            ssl_conf = ferry_bench_ssl
            [ferry_bench_ssl]
            system_default = ferry_bench_tls
            [ferry_bench_tls]
            MinProtocol = TLSv1.3
            Ciphersuites = %s
            """.formatted(Contender.TLS_CIPHER);
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
