package org.replprov.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replprov status}: one screen for a person at a terminal, and an exit code for a cron job: 0 healthy, 1
 * degraded, 3 failed (docs/cli.md#status). A daemon that cannot be reached has failed too; refused credentials (102)
 * and bad usage (2) keep the codes every command uses, since they say the check itself is wrong.
 */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Show the daemon's health on one screen: version and uptime, engines, connections by state "
                + "(worst first), repsTo failures.",
        footer = "%nExit: 0 healthy, 1 degraded (a connection not Online, a repsTo partner failing), 3 failed (a "
                + "connection In Error, an engine down, the daemon unreachable), 2 usage, 102 not authorized, 103 "
                + "CIM error.")
final class StatusCommand implements Callable<Integer> {

    /** When to colour the output. */
    enum ColorMode { auto, always, never }

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour: ${COMPLETION-CANDIDATES}; auto colours on a terminal unless NO_COLOR is set "
                    + "(default: ${DEFAULT-VALUE}).")
    ColorMode color;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            StatusReport report = StatusReport.read(new ApiClient(connection), connection.url(), Instant.now());
            report.print(out, colour(color, System.console() != null, System.getenv("NO_COLOR")));
            return report.health().level().exitCode;
        } catch (ApiException e) {
            err.println("replprov status: " + e.getMessage());
            if (e.exitCode() == ApiException.UNREACHABLE) {
                err.println("replprov status: health failed: no answer from the daemon");
                err.flush();
                return StatusReport.Level.FAILED.exitCode;
            }
            err.flush();
            return e.exitCode();
        }
    }

    /**
     * Whether to colour: always, never, or (auto) when the output is a terminal and {@code NO_COLOR} is unset or
     * empty, as https://no-color.org asks.
     */
    static boolean colour(ColorMode mode, boolean terminal, String noColor) {
        return switch (mode) {
            case always -> true;
            case never -> false;
            case auto -> terminal && (noColor == null || noColor.isEmpty());
        };
    }
}
