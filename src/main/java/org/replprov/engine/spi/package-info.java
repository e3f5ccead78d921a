/**
 * The engine adapter SPI: what a replication engine (the DFS Replication service, or anything that can play its part)
 * implements so that the DfsrConnectionInfo provider can show its connections and carry out its methods.
 *
 * <p>An adapter ships a {@link org.replprov.engine.spi.ReplicationEngineProvider} registered for
 * {@link java.util.ServiceLoader}; the configuration names the adapter. The engine pushes what it knows through a
 * {@link org.replprov.engine.spi.ConnectionListener} and answers the four method calls.
 *
 * <p>This package holds interfaces and the small immutable values they exchange. It imports only the JDK: adapters
 * must not see CIM, the object manager or the provider.
 */
package org.replprov.engine.spi;
