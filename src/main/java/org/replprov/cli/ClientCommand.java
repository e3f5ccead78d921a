package org.replprov.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running daemon: shared options, the API client, the printer, and the exit codes of
 * {@link ApiException} with the message on standard error.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(new ApiClient(client), new Output(client.output, spec.commandLine().getOut()));
        } catch (ApiException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return e.exitCode();
        }
    }

    /** Does the command's work; returns the exit code. */
    abstract int run(ApiClient api, Output out) throws ApiException;
}
