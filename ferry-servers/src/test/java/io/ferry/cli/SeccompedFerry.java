package io.ferry.cli;

import io.ferry.Ferry;
import io.ferry.net.Listener;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;

/**
 * A child JVM's main for {@link ShouldFallBackWhenSeccompForbidsTest}: installs a seccomp filter
 * forbidding the system calls named in the first argument (comma-separated numbers), then either runs
 * the {@code ferry} command line with the remaining arguments, or with {@code echo} starts a Ferry on its
 * automatic backend, makes one echo round trip and prints {@code backend=NAME echoed=BYTES}.
 */
public final class SeccompedFerry {
    private SeccompedFerry() {
    }

    public static void main(String[] args) throws Throwable {
        SeccompFilter.forbid(Arrays.stream(args[0].split(",")).map(Integer::valueOf).toList());
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (!List.of(rest).equals(List.of("echo"))) {
            FerryCli.main(rest);
            return;
        }
        try (Ferry ferry = Ferry.builder().loops(1).build();
             Listener listener = ferry.listen(new InetSocketAddress("127.0.0.1", 0),
                 c -> (conn, data) -> conn.writeAndFlush(data));
             Socket client = new Socket()) {
            client.connect(listener.localAddress(), 5_000);
            client.setSoTimeout(5_000);
            byte[] sent = "through the filter".getBytes();
            client.getOutputStream().write(sent);
            InputStream in = client.getInputStream();
            int got = in.readNBytes(sent.length).length;
            System.out.println("backend=" + ferry.backend().label() + " echoed=" + got);
        }
    }
}
