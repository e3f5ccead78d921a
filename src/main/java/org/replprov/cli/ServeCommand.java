package org.replprov.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code replprov serve}: runs the provider as a daemon. */
@Command(name = "serve", description = "Run the provider daemon (CIM-XML and JSON over HTTP).")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(
                "replprov serve: the daemon is not available yet in this build. "
                        + "Try 'replprov mof check' or 'replprov --help'.");
        return 1;
    }
}
