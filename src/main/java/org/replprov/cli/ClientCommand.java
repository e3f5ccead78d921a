package org.replprov.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running daemon: the connection options, the namespace and output format, the API
 * client, the printer, and the exit codes of {@link ApiException} with the message on standard error.
 */
abstract class ClientCommand implements Callable<Integer> {

    /** Output formats of the client commands. */
    enum Format { table, json, csv }

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-n", "--namespace"}, defaultValue = "root/MicrosoftDfs",
            description = "CIM namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-o", "--output"}, defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format output;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(new ApiClient(connection), new Output(output, spec.commandLine().getOut()));
        } catch (ApiException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return e.exitCode();
        }
    }

    /** Does the command's work; returns the exit code. */
    abstract int run(ApiClient api, Output out) throws ApiException;
}
