package io.ferry.bench.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One redis-benchmark test ({@code ping}, {@code set} or {@code get}) with {@code pipeline} commands
 * in flight per connection. The request count is sized from the time budget and the run is killed
 * if it overruns.
 */
public record RedisBenchmarkWorkload(String name, String test, int connections, int pipeline, int requests)
    implements Workload {

    @Override
    public String app() {
        return "resp";
    }

    @Override
    public String tool() {
        return "redis-benchmark";
    }

    @Override
    public Measurement run(InetSocketAddress target, double seconds) throws IOException {
        List<String> cmd = List.of(Tools.find("redis-benchmark"), "-h", target.getHostString(),
            "-p", Integer.toString(target.getPort()), "-c", Integer.toString(connections),
            "-n", Integer.toString(requests), "-P", Integer.toString(pipeline), "-t", test, "--csv");
        String out = Tools.run(cmd, (long) seconds * 4 + 60);
        // CSV: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms",...
        String wanted = test.equals("ping") ? "\"PING_MBULK\"" : "\"" + test.toUpperCase(java.util.Locale.ROOT) + "\"";
        for (String line : out.lines().toList()) {
            if (line.startsWith(wanted)) {
                String[] f = line.replace("\"", "").split(",");
                return new Measurement(Double.parseDouble(f[1]), Double.parseDouble(f[4]) * 1e3,
                    Double.parseDouble(f[6]) * 1e3);
            }
        }
        throw new IOException("redis-benchmark printed no " + wanted + " row: " + out);
    }
}
