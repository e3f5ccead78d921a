/**
 * The engine adapter SPI: what a replication engine (the DFS Replication service, or anything that can play its part)
 * implements so that the providers can show its state and carry out its methods.
 *
 * <p>For DfsrConnectionInfo, an adapter ships a {@link org.replprov.engine.spi.ReplicationEngineProvider} registered
 * for {@link java.util.ServiceLoader}; each engine instance of the configuration names its adapter by type. The engine pushes what it knows through a
 * {@link org.replprov.engine.spi.ConnectionListener} and answers the four method calls.
 *
 * <p>For ReplProv_RepsTo, an adapter fills a {@link org.replprov.engine.spi.RepsToStore} with the {@code repsTo}
 * values (MS-DRSR §5.173) of the naming contexts it holds, or implements {@link org.replprov.engine.spi.RepsToSource}
 * itself; the provider reads the source and turns its changes into events.
 *
 * <p>An engine that can compute DFSR's backlog also implements {@link org.replprov.engine.spi.BacklogSource}: version
 * vectors in a form of its own, and the count of updates a partner's vector lacks (DfsrReplicatedFolderInfo's backlog
 * methods); without it those methods answer ERROR_NOT_SUPPORTED.
 *
 * <p>An engine that speaks a protocol of its own over the daemon's listener returns
 * {@link org.replprov.engine.spi.EngineEndpoint}s from {@link org.replprov.engine.spi.ReplicationEngine#endpoints()};
 * the daemon mounts each under {@code /api/v1/<prefix>}, authenticates and checks the request, and hands it over.
 *
 * <p>An engine instance is created with an {@link org.replprov.engine.spi.EngineContext}: its name and type, its
 * settings as a {@code config.ConfigNode} (errors about them name file, line, column and key), its own state
 * directory, and a {@code time.Scheduler} for its clock.
 *
 * <p>This package holds interfaces and the small immutable values they exchange. It imports the JDK, the
 * {@code drsr} value types, the configuration library ({@code config}) and {@code time}: adapters must not see CIM,
 * the object manager or the providers.
 */
package org.replprov.engine.spi;
