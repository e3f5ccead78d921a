package org.replprov.engine.spi;

/**
 * Where an engine reports its {@link Observation}s. Calls return quickly, never throw, and may come from any thread;
 * for any one link or scope they must come in the order the facts were true.
 *
 * <p>A new link is reported as a {@link Link} before its first {@link LinkHealth}; a link reported without health is
 * shown in its initial state (Offline for an inbound link, Online for an outbound one, which exists only once the
 * partner connected).
 */
@FunctionalInterface
public interface Observer {

    void observe(Observation fact);
}
