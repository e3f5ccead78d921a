package org.replprov.engine.spi;

/**
 * A fact an engine reports: {@link Link} (a link exists, or its identity changed), {@link LinkHealth} (how the link
 * is doing), {@link LinkRemoved}, {@link ScopeState} (how a replicated folder or naming context is doing on this
 * member), {@link Backlog} (what is waiting to replicate over a link), {@link Configuration} (how the engine is
 * configured for a replication group), {@link SyncSession} (one synchronization session of an inbound link),
 * {@link DirectoryState} (a directory replica's own replication state: its naming contexts, cursors and inbound
 * neighbours, per naming context) and {@link ServiceState} (the replication service of a computer the engine watches).
 *
 * <p>Engines report facts, never DFSR states: the providers derive the states from the facts in one place
 * (docs/dfsr-provider.md, "Deriving the state"), so every engine's links read the same.
 */
public sealed interface Observation permits Link, LinkHealth, LinkRemoved, ScopeState, Backlog, Configuration,
        SyncSession, DirectoryState, ServiceState {
}
