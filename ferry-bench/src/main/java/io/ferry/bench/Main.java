package io.ferry.bench;

import io.ferry.bench.stress.StressCommand;
import io.ferry.cli.FerryCli;

/** {@code ./ferry}: the server commands plus {@code bench}, {@code demo} and {@code stress}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = FerryCli.commandLine()
            .addSubcommand(new DemoCommand())
            .addSubcommand(new BenchCommand())
            .addSubcommand(new StressCommand())
            .addSubcommand(new FilesCommand())
            .execute(args);
        System.exit(code);
    }
}
