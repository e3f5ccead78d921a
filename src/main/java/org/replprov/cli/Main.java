package org.replprov.cli;

import org.replprov.server.DaemonInfoMetrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code replprov} command line. Each subcommand is a thin shell over the same services a Java program embeds:
 * it parses arguments, calls the library, and prints with the printers the tests use as oracles.
 *
 * <p>Exit codes: 0 success; 1 the command ran and found problems (for example {@code mof check}); 2 bad input or
 * usage.
 */
@Command(name = "replprov",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "WMI-style monitoring provider for replication (DfsrConnectionInfo, MS-DRSR repsTo).",
        subcommands = {
                ServeCommand.class,
                LabCommand.class,
                QueryCommand.class,
                GetCommand.class,
                InvokeCommand.class,
                WatchCommand.class,
                StatusCommand.class,
                ClassesCommand.class,
                HashPasswordCommand.class,
                CertCommand.class,
                MofCommand.class,
                RepsCommand.class,
        })
public final class Main {

    /** Exit code for bad input or usage. */
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExitCodeExceptionMapper(e -> EXIT_USAGE)
                .setParameterExceptionHandler((ex, args) -> {
                    CommandLine cmd = ex.getCommandLine();
                    cmd.getErr().println("error: " + ex.getMessage());
                    cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
                    return EXIT_USAGE;
                });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"replprov " + DaemonInfoMetrics.current().version()};
        }
    }
}
