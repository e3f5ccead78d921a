/**
 * The daemon: HTTP listeners (plain and TLS) on the JDK server, the request pipeline (request ids, authentication,
 * routing, access log, request metrics), the CIM-XML, JSON, event-stream, metrics and health handlers, and graceful
 * start and stop. Subpackages hold the configuration, the HTTP transport, security and metrics.
 *
 * <p>Serves one {@link org.replprov.provider.ObjectManager}, built by {@link org.replprov.server.Backend} from
 * the configuration. May use every package except {@code cli}.
 */
package org.replprov.server;
