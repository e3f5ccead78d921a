package org.replprov.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the connection-level limits and socket settings to the JDK HTTP server, which reads them from system
 * properties once, when its first server is created in the JVM:
 * <ul>
 *   <li>{@code sun.net.httpserver.maxReqTime}: seconds a request (headers and body) may take to arrive, also the
 *       time a new connection may stay silent: slow senders are cut off;</li>
 *   <li>{@code sun.net.httpserver.maxReqHeaders} and {@code maxReqHeaderSize}: header count and bytes;</li>
 *   <li>{@code sun.net.httpserver.idleInterval}: seconds a kept-alive connection may sit idle;</li>
 *   <li>{@code jdk.httpserver.maxConnections}: open connections; further ones are closed on accept;</li>
 *   <li>{@code sun.net.httpserver.clockTick}: how often idle and silent connections are checked;</li>
 *   <li>{@code sun.net.httpserver.nodelay}: TCP_NODELAY, so that a response body is not held back by Nagle's
 *       algorithm until the client acknowledges the headers (a 40 ms stall per request with delayed ACKs).</li>
 * </ul>
 * Requests over the header limits are dropped by the JDK server without a response.
 * The response-time property {@code maxRspTime} is deliberately not set: it would also cut event streams, which
 * last as long as the subscriber wants; {@link WriteGuard} protects against slow readers instead.
 *
 * <p>Because the JDK reads these once per JVM, a second daemon in the same JVM (tests) runs with the first one's
 * values; that is logged.
 */
public final class JdkServerProperties {

    private static final Logger log = LoggerFactory.getLogger(JdkServerProperties.class);
    private static Map<String, String> applied;

    private JdkServerProperties() {
    }

    /** Sets the properties, unless an earlier daemon in this JVM set them. */
    public static synchronized void apply(long requestTimeoutSeconds, int maxHeaders, int maxHeaderBytes,
                                          long idleTimeoutSeconds, int maxConnections) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("sun.net.httpserver.maxReqTime", Long.toString(requestTimeoutSeconds));
        wanted.put("sun.net.httpserver.maxReqHeaders", Integer.toString(maxHeaders));
        wanted.put("sun.net.httpserver.maxReqHeaderSize", Integer.toString(maxHeaderBytes));
        wanted.put("sun.net.httpserver.idleInterval", Long.toString(idleTimeoutSeconds));
        wanted.put("jdk.httpserver.maxConnections", Integer.toString(maxConnections));
        // How often idle and silent connections are looked at (default 10 s): once a second keeps the timeouts
        // above close to what is configured.
        wanted.put("sun.net.httpserver.clockTick", "1000");
        wanted.put("sun.net.httpserver.nodelay", "true");
        if (applied == null) {
            wanted.forEach(System::setProperty);
            applied = wanted;
        } else if (!applied.equals(wanted)) {
            log.warn("HTTP limits {} requested, but this JVM's HTTP server already runs with {}; the JDK reads them "
                    + "once per process", wanted, applied);
        }
    }
}
