package org.replprov.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.replprov.protocol.CimOperations;
import org.replprov.server.Daemon;
import org.replprov.server.LogSetup;
import org.replprov.server.config.ConfigException;
import org.replprov.server.config.DaemonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replprov serve [--config FILE]}: runs the daemon until SIGTERM or SIGINT, then stops gracefully (in-flight
 * requests finish, the object manager persists its state).
 */
@Command(name = "serve", description = "Run the provider daemon (CIM-XML and JSON over HTTP).",
        footer = {"%nWithout --config the shipped example configuration is used: 127.0.0.1:5988, no authentication, "
                + "the embedded engine.",
            "Exit: 0 after a graceful stop, 1 when a listener cannot start, 2 for a configuration error "
                + "(the message names the file, line and key)."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        DaemonConfig cfg;
        try {
            cfg = config == null ? DaemonConfig.example() : DaemonConfig.load(config);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("replprov serve: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        LogSetup.apply(cfg.log());
        log.info("Configuration from {}", cfg.source());
        CimOperations operations = objectManager(cfg);
        if (operations == null) {
            return Main.EXIT_USAGE;
        }
        Daemon daemon;
        try {
            daemon = Daemon.builder(cfg, operations).buildAndStart();
        } catch (RuntimeException e) {
            log.error("Cannot start: {}", e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stop requested (signal)");
            daemon.close();
            stopped.countDown();
        }, "replprov-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * The object manager for the configured engine, or null after printing why there is none. The embedded engine
     * and the object manager are not part of this build yet.
     */
    private CimOperations objectManager(DaemonConfig cfg) {
        spec.commandLine().getErr().println("replprov serve: engine '" + cfg.engine().name() + "' (" + cfg.source()
                + ") is not available: this build has no object manager or replication engine yet, so the daemon "
                + "has nothing to serve. The configuration is valid.");
        return null;
    }
}
