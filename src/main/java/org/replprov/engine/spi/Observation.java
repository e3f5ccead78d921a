package org.replprov.engine.spi;

/**
 * A fact an engine reports: {@link Link} (a link exists, or its identity changed), {@link LinkHealth} (how the link
 * is doing), {@link LinkRemoved}, {@link ScopeState} (how a replicated folder or naming context is doing on this
 * member), {@link Backlog} (what is waiting to replicate over a link)
 * and {@link IdRecords} (the ID records a caller can find Uids in).
 *
 * <p>Engines report facts, never DFSR states: the providers derive the states from the facts in one place
 * (docs/dfsr-provider.md, "Deriving the state"), so every engine's links read the same.
 */
public sealed interface Observation permits Link, LinkHealth, LinkRemoved, ScopeState, Backlog,
        IdRecords {
}
