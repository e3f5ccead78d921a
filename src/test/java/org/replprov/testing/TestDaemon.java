package org.replprov.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Base64;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.ad.RepsToMetrics;
import org.replprov.providers.dfsr.DfsrMetrics;
import org.replprov.server.Daemon;
import org.replprov.server.config.DaemonConfig;
import org.replprov.server.security.PasswordHash;

/**
 * A daemon on an ephemeral loopback port for tests, configured from YAML like a real one.
 *
 * <p>Users: {@code user}/{@code secret} (operator; the credentials in the recorded client requests of the protocol
 * vectors) and {@code reader}/{@code secret} (reader). Every test daemon uses the same limits: 64 KiB bodies, 8 KiB
 * headers, 3 s to send a request, 2 s for a blocked response write, 200 connections, 32 from one client address.
 */
public final class TestDaemon implements AutoCloseable {

    public static final String OPERATOR = "user";
    public static final String READER = "reader";
    public static final String PASSWORD = "secret";
    public static final int MAX_REQUEST_BYTES = 64 * 1024;
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);
    public static final int MAX_CONNECTIONS = 200;
    public static final int MAX_CONNECTIONS_PER_CLIENT = 32;

    /** Hashing is slow by design; tests use the lowest iteration count the parser accepts. */
    private static final String HASH = PasswordHash.create(PASSWORD.toCharArray(), 10_000).toString();

    private final Daemon daemon;

    private TestDaemon(Daemon daemon) {
        this.daemon = daemon;
    }

    /** Limits and users as above, plus {@code extra} YAML appended (for example a TLS listener). */
    public static String yaml(String listeners) {
        return listeners + """
                security:
                  realm: cimom
                  users:
                    - name: user
                      passwordHash: "%1$s"
                      roles: [operator]
                    - name: reader
                      passwordHash: "%1$s"
                      roles: [reader]
                limits:
                  maxRequestBytes: %2$d
                  maxHeaderBytes: 8192
                  maxHeaders: 64
                  requestTimeout: %3$ds
                  writeTimeout: %4$ds
                  idleTimeout: 30s
                  operationTimeout: 30s
                  maxConnections: %5$d
                  maxConnectionsPerClient: %6$d
                  workerThreads: 16
                  maxEventStreams: 8
                """.formatted(HASH, MAX_REQUEST_BYTES, REQUEST_TIMEOUT.toSeconds(), WRITE_TIMEOUT.toSeconds(),
                MAX_CONNECTIONS, MAX_CONNECTIONS_PER_CLIENT);
    }

    public static DaemonConfig config() {
        return DaemonConfig.parse("test.yaml", yaml("listeners:\n  - {address: 127.0.0.1, port: 0}\n"),
                Path.of("target"));
    }

    public static TestDaemon start(ObjectManager objectManager) {
        return start(config(), objectManager);
    }

    public static TestDaemon start(DaemonConfig config, ObjectManager objectManager) {
        return start(config, objectManager, Clock.systemUTC());
    }

    public static TestDaemon start(DaemonConfig config, ObjectManager objectManager, Clock clock) {
        // The class modules' metrics over the test's object manager, as a backend would register them.
        return new TestDaemon(Daemon.builder(config, objectManager).eventHeartbeat(Duration.ofMillis(500))
                .collectors(List.of(DfsrMetrics.over(objectManager, clock), new RepsToMetrics(objectManager, clock)))
                .clock(clock).buildAndStart());
    }

    public Daemon daemon() {
        return daemon;
    }

    /** The first listener's base URI, {@code http://127.0.0.1:PORT/}. */
    public URI uri() {
        return daemon.endpoints().get(0);
    }

    public int port() {
        return uri().getPort();
    }

    /** A port free on the loopback interface now, for a listener whose address must be known before it starts. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    @Override
    public void close() {
        daemon.close();
    }
}
