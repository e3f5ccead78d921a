package org.replprov.server.config;

import java.time.Duration;
import org.replprov.config.ConfigNode;

/**
 * What one client may cost the daemon: request and header sizes, how long a request may take to arrive, to be
 * answered and to be read, how many connections and parallel requests there are, how many event streams.
 *
 * @param maxRequestBytes  the largest request body; larger ones get 413
 * @param maxHeaderBytes   the most bytes of request headers (request line excluded)
 * @param maxHeaders       the most request header lines
 * @param requestTimeout   how long a connection may stay silent while a request arrives, and how long a request
 *                         body may take: slow senders are cut off (without holding a thread meanwhile)
 * @param writeTimeout     how long one write of the response may block: clients that stop reading are cut off
 * @param idleTimeout      how long a kept-alive connection may sit idle
 * @param operationTimeout the deadline handed to the object manager for one operation
 * @param maxConnections   the most open connections; beyond it, accepting pauses and idle connections are closed
 *                         after a second
 * @param maxConnectionsPerClient the most open connections from one client address; more are closed on accept
 * @param workerThreads    the requests answered in parallel (event streams have their own threads)
 * @param maxEventStreams  the most open event streams
 */
public record Limits(int maxRequestBytes, int maxHeaderBytes, int maxHeaders, Duration requestTimeout,
                     Duration writeTimeout, Duration idleTimeout, Duration operationTimeout, int maxConnections,
                     int maxConnectionsPerClient, int workerThreads, int maxEventStreams) {

    public static final Limits DEFAULT = new Limits(1 << 20, 16 * 1024, 100, Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60), 1024, 64, 16, 64);

    static Limits read(ConfigNode n) {
        n.allowOnly("maxRequestBytes", "maxHeaderBytes", "maxHeaders", "requestTimeout", "writeTimeout",
                "idleTimeout", "operationTimeout", "maxConnections", "maxConnectionsPerClient", "workerThreads",
                "maxEventStreams");
        Duration second = Duration.ofSeconds(1);
        Duration hour = Duration.ofHours(1);
        return new Limits(
                n.get("maxRequestBytes").integer(DEFAULT.maxRequestBytes, 4096, 256 << 20),
                n.get("maxHeaderBytes").integer(DEFAULT.maxHeaderBytes, 1024, 1 << 20),
                n.get("maxHeaders").integer(DEFAULT.maxHeaders, 16, 10_000),
                n.get("requestTimeout").seconds(DEFAULT.requestTimeout, second, hour),
                n.get("writeTimeout").duration(DEFAULT.writeTimeout, second, hour),
                n.get("idleTimeout").seconds(DEFAULT.idleTimeout, second, hour),
                n.get("operationTimeout").duration(DEFAULT.operationTimeout, second, hour),
                n.get("maxConnections").integer(DEFAULT.maxConnections, 1, 100_000),
                n.get("maxConnectionsPerClient").integer(DEFAULT.maxConnectionsPerClient, 1, 100_000),
                n.get("workerThreads").integer(DEFAULT.workerThreads, 1, 1024),
                n.get("maxEventStreams").integer(DEFAULT.maxEventStreams, 0, 10_000));
    }
}
