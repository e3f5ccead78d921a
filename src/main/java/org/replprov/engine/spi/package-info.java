/**
 * The engine adapter SPI: what a replication engine (the DFS Replication service, or anything that can play its part)
 * implements so that the class modules can show its state and carry out its methods.
 *
 * <p>An adapter ships a {@link org.replprov.engine.spi.ReplicationEngineProvider} registered for
 * {@link java.util.ServiceLoader}; each engine instance of the configuration names its adapter by type, and is created
 * with an {@link org.replprov.engine.spi.EngineContext}: its name and type, its settings as a {@code config.ConfigNode}
 * (errors about them name file, line, column and key), its own state directory, and a {@code time.Scheduler}.
 *
 * <p>The engine reports <em>facts</em>, never states: {@link org.replprov.engine.spi.Observation}s
 * ({@link org.replprov.engine.spi.Link}, {@link org.replprov.engine.spi.LinkHealth},
 * {@link org.replprov.engine.spi.LinkRemoved}, {@link org.replprov.engine.spi.ScopeState},
 * {@link org.replprov.engine.spi.Backlog}, {@link org.replprov.engine.spi.Configuration} for the read-only
 * configuration classes, {@link org.replprov.engine.spi.SyncSession} for each synchronization session of an inbound
 * link, {@link org.replprov.engine.spi.ServiceState} for the replication service of a computer it watches) to the
 * {@link org.replprov.engine.spi.Observer} it is started with; the
 * providers derive the states from them in one place. It declares which optional operations it carries out
 * ({@link org.replprov.engine.spi.Capability}); the others are refused with ERROR_NOT_SUPPORTED without a call.
 *
 * <p>For ReplProv_RepsTo, an adapter fills the {@link org.replprov.engine.spi.RepsToStore} of its context with the
 * {@code repsTo} values (MS-DRSR §5.173) of the naming contexts it holds; the provider reads the store and turns its
 * changes into events.
 *
 * <p>An engine that can compute DFSR's backlog also implements {@link org.replprov.engine.spi.BacklogSource}: version
 * vectors in a form of its own, and the count of updates a partner's vector lacks (DfsrReplicatedFolderInfo's backlog
 * methods); without it those methods answer ERROR_NOT_SUPPORTED.
 *
 * <p>An engine type that speaks a protocol of its own over the daemon's listener returns
 * {@link org.replprov.engine.spi.EngineEndpoint}s from
 * {@link org.replprov.engine.spi.ReplicationEngineProvider#endpoints}, one for all its instances; the daemon mounts
 * each under {@code /api/v1/<prefix>}, authenticates and checks the request, and hands it over.
 *
 * <p>This package holds interfaces and the small immutable values they exchange. It imports the JDK, the
 * {@code drsr} value types, the configuration library ({@code config}) and {@code time}: adapters must not see CIM,
 * the object manager or the providers.
 */
package org.replprov.engine.spi;
