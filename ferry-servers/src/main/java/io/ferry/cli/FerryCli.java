package io.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./ferry}. The launcher script handles {@code ./ferry test} itself; the
 * benchmark module adds {@code bench} and {@code demo} to this command line.
 */
@Command(name = "ferry", mixinStandardHelpOptions = true, version = "ferry 0.1.0",
    description = "Ferry: an asynchronous I/O runtime for Java 25 (io_uring, epoll, java.nio).",
    subcommands = {ServeCommand.class, ProbeCommand.class},
    footer = {"", "Also: ./ferry test   runs the whole test suite (Maven verify)."})
public final class FerryCli implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The command line with the server commands; callers may add more subcommands. */
    public static CommandLine commandLine() {
        return new CommandLine(new FerryCli()).setParameterExceptionHandler(FerryCli::badArguments);
    }

    /** A bad argument: one line naming the command and what is wrong, exit code 2; no usage page, no trace. */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName(" ");
        cmd.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        return 2;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
