package io.ferry.bench.suite;

import io.ferry.bench.load.EchoLoadGenerator;
import io.ferry.bench.load.EchoLoadResult;
import io.ferry.bench.load.EchoLoadSpec;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Echo through Ferry's own load generator (plain JDK NIO, HdrHistogram latencies). */
public record EchoWorkload(String name, int connections, int messageSize, int depth) implements Workload {
    @Override
    public String app() {
        return "echo";
    }

    @Override
    public Measurement run(InetSocketAddress target, double seconds) throws IOException {
        EchoLoadResult r = new EchoLoadGenerator(target, EchoLoadSpec.of(connections, messageSize, depth, 1, seconds))
            .run();
        return new Measurement(r.messagesPerSecond(), r.latencyMicros(50), r.latencyMicros(99));
    }
}
