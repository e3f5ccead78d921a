package org.replprov.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.replprov.config.ConfigException;
import org.replprov.config.ConfigurationException;
import org.replprov.log.LogSafe;
import org.replprov.server.Backend;
import org.replprov.server.Daemon;
import org.replprov.server.LogSetup;
import org.replprov.server.config.DaemonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replprov serve [--config FILE]}: builds the object manager the configuration describes, runs the daemon over
 * it until SIGTERM or SIGINT, then stops gracefully: the daemon first (in-flight requests finish), then the object
 * manager (the provider saves its state, the engine stops).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run the provider daemon (CIM-XML and JSON over HTTP).",
        footer = {"%nWithout --config the file named by the environment variable REPLPROV_CONFIG is used (the Debian "
                + "package's launcher sets /etc/replprov/replprov.yaml); without either, the shipped example "
                + "configuration: 127.0.0.1:5988, no authentication, the embedded engine.",
            "Exit: 0 after a graceful stop (143 when stopped by SIGTERM), 1 when a listener or (with engineFailure: "
                + "exit, the default) the engine cannot start, 2 for a configuration error: the message names the "
                + "file, line and key, or the engine or state problem."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file (default: $REPLPROV_CONFIG, else the shipped example).")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        DaemonConfig cfg;
        try {
            String fromEnvironment = System.getenv("REPLPROV_CONFIG");
            Path file = config != null ? config
                    : fromEnvironment == null || fromEnvironment.isEmpty() ? null : Path.of(fromEnvironment);
            cfg = file == null ? DaemonConfig.example() : DaemonConfig.load(file);
        } catch (ConfigurationException e) {
            spec.commandLine().getErr().println("replprov serve: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        LogSetup.apply(cfg.log());
        log.info("Configuration from {}", cfg.source());
        Backend backend;
        try {
            backend = Backend.open(cfg, Clock.systemUTC());
        } catch (Backend.StateUnusable e) {
            spec.commandLine().getErr().println("replprov serve: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("replprov serve: " + e.getMessage()); // names file, line and key
            return Main.EXIT_USAGE;
        } catch (ConfigurationException e) {
            spec.commandLine().getErr().println("replprov serve: " + e.getMessage() + " (engines in " + cfg.source()
                    + ", state in " + cfg.stateDirectory() + ")");
            return Main.EXIT_USAGE;
        }
        Backend.Health health = backend.health();
        if (!health.ok()) {
            String failed = health.failed().stream()
                    .map(f -> "engine '" + f.engine() + "' failed to start: " + f.failure().orElseThrow())
                    .collect(Collectors.joining("; "));
            if (cfg.engineFailure() == DaemonConfig.EngineFailure.EXIT) {
                spec.commandLine().getErr().println("replprov serve: " + failed + ". Fix the cause and start again, "
                        + "or set engineFailure: degraded in " + cfg.source() + " to serve without the engine.");
                backend.close();
                return 1;
            }
            log.warn("Serving degraded (engineFailure: degraded): {}; /healthz answers 503", LogSafe.of(failed, 4000));
        }
        Daemon daemon;
        try {
            daemon = Daemon.builder(cfg, backend).buildAndStart();
        } catch (RuntimeException e) {
            log.error("Cannot start: {}", e.getMessage());
            backend.close();
            return 1;
        }
        UntilStopped.onSignal(() -> {
            daemon.close();
            backend.close();
            log.info("Object manager closed; state saved");
        }).await();
        return 0;
    }
}
