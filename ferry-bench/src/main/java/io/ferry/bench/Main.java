package io.ferry.bench;

import io.ferry.cli.FerryCli;

/** {@code ./ferry}: the server commands plus {@code bench} and {@code demo}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = FerryCli.commandLine()
            .addSubcommand(new DemoCommand())
            .addSubcommand(new BenchCommand())
            .execute(args);
        System.exit(code);
    }
}
