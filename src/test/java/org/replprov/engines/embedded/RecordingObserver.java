package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.SyncResults;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.providers.dfsr.ConnectionTrigger;
import org.replprov.providers.dfsr.StateDerivation;

/**
 * Records what an engine reports, in order, and lets a test wait for a report: the engine's side of the provider
 * contract, checked without the provider. Each link's health is turned into the DFSR state the provider would derive
 * ({@link StateDerivation}) and into the diagram's arrows that lead there, so that a test reads the connection's
 * life as the provider's events would show it.
 */
final class RecordingObserver implements Observer {

    /** One arrow of the diagram, as the provider would walk it. */
    record Transition(UUID connection, ConnectionTrigger trigger, ConnectionFailure failure) {
    }

    /** A link and its sync results as last reported, after each report. */
    record Snapshot(Link link, SyncResults syncResults) {
        UUID connectionGuid() {
            return link.connectionGuid();
        }

        boolean inbound() {
            return link.inbound();
        }

        String partnerName() {
            return link.partnerName();
        }

        String memberName() {
            return link.memberName();
        }
    }

    private final List<Object> events = new ArrayList<>();
    private final Map<UUID, Link> links = new HashMap<>();
    private final Map<UUID, ConnectionState> states = new HashMap<>();
    private final Map<UUID, SyncResults> sync = new HashMap<>();

    @Override
    public synchronized void observe(Observation fact) {
        if (fact instanceof Link l) {
            links.put(l.connectionGuid(), l);
            states.putIfAbsent(l.connectionGuid(), l.inbound() ? ConnectionState.INITIAL : ConnectionState.ONLINE);
            events.add(new Snapshot(l, sync.getOrDefault(l.connectionGuid(), SyncResults.UNKNOWN)));
        } else if (fact instanceof LinkHealth h) {
            UUID guid = h.connectionGuid();
            assertThat(links).as("health of a link reported before").containsKey(guid);
            ConnectionState target = StateDerivation.state(h);
            for (ConnectionState.Transition t : states.get(guid).pathTo(target)) {
                events.add(new Transition(guid, t.trigger(), t.trigger() == ConnectionTrigger.RETRIES_EXHAUSTED
                        ? h.lastError().event() : null));
            }
            states.put(guid, target);
            SyncResults known = sync.getOrDefault(guid, SyncResults.UNKNOWN);
            if (!known.equals(h.sync()) && !h.sync().equals(SyncResults.UNKNOWN)) {
                sync.put(guid, h.sync());
                events.add(new Snapshot(links.get(guid), h.sync()));
            }
        } else if (fact instanceof LinkRemoved r) {
            events.add(r.connectionGuid());
        }
        notifyAll();
    }

    synchronized List<ConnectionTrigger> triggers() {
        return events.stream().filter(Transition.class::isInstance).map(e -> ((Transition) e).trigger()).toList();
    }

    synchronized List<Transition> transitions() {
        return events.stream().filter(Transition.class::isInstance).map(Transition.class::cast).toList();
    }

    /** The connections reported removed. */
    synchronized List<UUID> removed() {
        return events.stream().filter(UUID.class::isInstance).map(UUID.class::cast).toList();
    }

    /** Every snapshot reported, in order. */
    synchronized List<Snapshot> snapshots() {
        return events.stream().filter(Snapshot.class::isInstance).map(Snapshot.class::cast).toList();
    }

    synchronized Snapshot lastSnapshot() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof Snapshot s) {
                return s;
            }
        }
        return null;
    }

    /** Waits until a snapshot satisfies {@code condition}; returns it. */
    synchronized Snapshot awaitSnapshot(Predicate<Snapshot> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i) instanceof Snapshot s && condition.test(s)) {
                    return s;
                }
            }
            long left = deadline - System.nanoTime();
            assertThat(left).as("a matching snapshot within " + timeout + "; reported: " + events).isPositive();
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until the {@code n}-th occurrence (1-based) of {@code trigger}; returns it. */
    synchronized Transition await(ConnectionTrigger trigger, int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Transition> seen = transitions().stream().filter(t -> t.trigger() == trigger).toList();
            if (seen.size() >= n) {
                return seen.get(n - 1);
            }
            long left = deadline - System.nanoTime();
            assertThat(left).as(trigger + " #" + n + " within " + timeout + "; triggers: " + triggers()).isPositive();
            wait(Math.max(1, left / 1_000_000));
        }
    }

    Transition await(ConnectionTrigger trigger, Duration timeout) throws InterruptedException {
        return await(trigger, 1, timeout);
    }
}
