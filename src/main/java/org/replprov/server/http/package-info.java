/**
 * The HTTP transport on the JDK's {@code com.sun.net.httpserver}: a tiny {@link org.replprov.server.http.Exchange}
 * interface that handlers are written against, its adapter over the JDK exchange, and the limits the JDK server is
 * run with (sizes, timeouts, connection count, clients that stop reading).
 */
package org.replprov.server.http;
