package io.ferry.bench;

import io.ferry.bench.soak.SoakCommand;
import io.ferry.bench.stress.StressCommand;
import io.ferry.cli.FerryCli;

/** {@code ./ferry}: the server commands plus {@code bench}, {@code demo}, {@code stress}, files, soak. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = FerryCli.commandLine()
            .addSubcommand(new DemoCommand())
            .addSubcommand(new BenchCommand())
            .addSubcommand(new StressCommand())
            .addSubcommand(new FilesCommand())
            .addSubcommand(new SoakCommand())
            .execute(args);
        System.exit(code);
    }
}
