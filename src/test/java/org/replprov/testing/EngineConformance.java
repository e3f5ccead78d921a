package org.replprov.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.engine.EngineEvents;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.Uid;
import org.replprov.providers.dfsr.ConnectionState;
import org.replprov.providers.dfsr.StateDerivation;

/**
 * What every engine adapter must do, whatever it adapts: the conformance kit. An adapter's test class extends it and
 * says how to make its engine (against a real partner it runs) and which state its first link settles in; the kit
 * runs the engine behind an {@link EngineHost}, as the daemon does, and checks the SPI contract:
 *
 * <ul>
 *   <li>start reports every link before any health of it, and its facts derive to the state the adapter promises
 *       ({@link StateDerivation});</li>
 *   <li>an operation outside {@code capabilities()} answers ERROR_NOT_SUPPORTED (50), never an exception of
 *       another kind, and is never called through the host;</li>
 *   <li>an operation on a link the engine does not have is refused with a code or fails as an
 *       {@link EngineException}, within the host's timeout;</li>
 *   <li>closing ends every call within the timeout, and a closed engine is never left answering;</li>
 *   <li>after a restart on the same state, the engine reports the same links (their GUIDs are stable).</li>
 * </ul>
 */
public abstract class EngineConformance {

    /** How long the kit waits for an engine to report what it promises. */
    protected static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final List<EngineHost> hosts = new ArrayList<>();

    /** A new engine over the adapter's test partner; called again for the restart check, on the same state. */
    protected abstract ReplicationEngine newEngine() throws Exception;

    /** The state the engine's first inbound link settles in with its partner up (usually Online). */
    protected abstract ConnectionState settledState();

    /** What the kit hears from one engine. */
    protected static final class Heard implements EngineEvents {
        private final List<Observation> facts = new CopyOnWriteArrayList<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void observed(String engine, Observation fact) {
            facts.add(fact);
        }

        @Override
        public void engineFailed(String engine, String why) {
            failures.add(why);
        }

        public List<Observation> facts() {
            return List.copyOf(facts);
        }

        public List<Link> links() {
            return facts.stream().filter(Link.class::isInstance).map(Link.class::cast).toList();
        }

        /** The derived state of {@code link} after its latest health; its initial state when it has none. */
        public ConnectionState state(Link link) {
            ConnectionState s = link.inbound() ? ConnectionState.INITIAL : ConnectionState.ONLINE;
            for (Observation o : facts) {
                if (o instanceof LinkHealth h && h.connectionGuid().equals(link.connectionGuid())) {
                    s = StateDerivation.state(h);
                }
            }
            return s;
        }

        public void await(Predicate<Heard> done, String what) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(this)) {
                assertThat(System.nanoTime()).as(what + "; heard " + facts).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    /** The engine behind a started host, and what it reported. */
    protected record Running(EngineHost host, Heard heard) {
    }

    protected Running start(ReplicationEngine engine) {
        EngineHost host = EngineHost.builder().engine("under-test", engine).timeout(CALL_TIMEOUT).build();
        hosts.add(host);
        Heard heard = new Heard();
        host.subscribe(heard);
        host.start();
        assertThat(host.status()).singleElement().satisfies(s -> assertThat(s.failure()).as("start").isEmpty());
        return new Running(host, heard);
    }

    private static Link firstInbound(Heard h) {
        return h.links().stream().filter(Link::inbound).findFirst().orElseThrow();
    }

    @AfterEach
    void closeHosts() {
        hosts.forEach(EngineHost::close);
    }

    @Test
    void startReportsLinksBeforeTheirHealthAndSettlesInThePromisedState() throws Exception {
        Running r = start(newEngine());
        r.heard().await(h -> h.links().stream().anyMatch(Link::inbound), "an inbound link reported");
        Link link = firstInbound(r.heard());
        r.heard().await(h -> h.state(link) == settledState(), "link " + link.connectionGuid() + " "
                + settledState().displayName());
        List<UUID> reported = new ArrayList<>();
        for (Observation o : r.heard().facts()) {
            if (o instanceof Link l) {
                reported.add(l.connectionGuid());
            } else if (o instanceof LinkHealth h) {
                assertThat(reported).as("health of a link reported before").contains(h.connectionGuid());
            }
        }
        assertThat(link.scopes()).as("the scopes the link carries").isNotEmpty();
    }

    @Test
    void anOperationOutsideTheCapabilitiesIsErrorNotSupported() throws Exception {
        ReplicationEngine engine = newEngine();
        Set<Capability> lacking = EnumSet.allOf(Capability.class);
        lacking.removeAll(engine.capabilities());
        Running r = start(engine);
        r.heard().await(h -> h.links().stream().anyMatch(Link::inbound), "an inbound link reported");
        Link link = firstInbound(r.heard());
        ReplicationEngine timed = r.host().engine("under-test").orElseThrow();
        for (Capability c : lacking) {
            assertThatThrownBy(() -> call(timed, c, link)).as(c.toString())
                    .isInstanceOfSatisfying(EngineException.class,
                            e -> assertThat(e.returnCode()).hasValue(EngineException.ERROR_NOT_SUPPORTED));
        }
    }

    @Test
    void anOperationOnAnUnknownLinkIsRefusedNotThrown() throws Exception {
        Running r = start(newEngine());
        r.heard().await(h -> !h.links().isEmpty(), "a link reported");
        ReplicationEngine timed = r.host().engine("under-test").orElseThrow();
        UUID unknown = UUID.fromString("0badc0de-0000-4000-8000-000000000000");
        Link ghost = new Link(unknown, unknown, "ghost", unknown, "ghost", unknown, "ghost", true, false, List.of());
        for (Capability c : timed.capabilities()) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> call(timed, c, ghost)).as(c.toString()).isInstanceOf(EngineException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as(c + " within the timeout")
                    .isLessThan(CALL_TIMEOUT.plusSeconds(1));
        }
        assertThat(r.heard().failures).as("a refusal is not an engine failure").isEmpty();
    }

    @Test
    void aRestartOnTheSameStateReportsTheSameLinks() throws Exception {
        Running first = start(newEngine());
        first.heard().await(h -> h.links().stream().anyMatch(Link::inbound), "an inbound link reported");
        Link before = firstInbound(first.heard());
        first.host().close();

        Running again = start(newEngine());
        again.heard().await(h -> h.links().stream().anyMatch(l -> l.connectionGuid().equals(before.connectionGuid())),
                "link " + before.connectionGuid() + " again after the restart");
        Link after = again.heard().links().stream().filter(l -> l.connectionGuid().equals(before.connectionGuid()))
                .findFirst().orElseThrow();
        assertThat(after.partnerGuid()).isEqualTo(before.partnerGuid());
        assertThat(after.replicationGroupGuid()).isEqualTo(before.replicationGroupGuid());
        assertThat(after.scopes()).isEqualTo(before.scopes());
    }

    @Test
    void closingEndsEveryCallWithinTheTimeout() throws Exception {
        Running r = start(newEngine());
        r.heard().await(h -> h.links().stream().anyMatch(Link::inbound), "an inbound link reported");
        Link link = firstInbound(r.heard());
        ReplicationEngine timed = r.host().engine("under-test").orElseThrow();
        List<Thread> callers = new ArrayList<>();
        for (Capability c : timed.capabilities()) {
            Thread t = new Thread(() -> {
                try {
                    call(timed, c, link);
                } catch (EngineException expected) {
                    // refused or failed: either is an answer
                }
            });
            t.start();
            callers.add(t);
        }
        r.host().close();
        for (Thread t : callers) {
            t.join(CALL_TIMEOUT.plusSeconds(2).toMillis());
            assertThat(t.isAlive()).as("a call still running after close and the timeout").isFalse();
        }
        assertThatThrownBy(() -> timed.checkConnectivity(link.connectionGuid()))
                .as("a closed engine answers nothing").isInstanceOf(EngineException.class);
    }

    /** Calls the operation {@code c} on {@code link} with harmless arguments. */
    private static void call(ReplicationEngine e, Capability c, Link link) throws EngineException {
        UUID scope = link.scopes().isEmpty() ? link.connectionGuid() : link.scopes().get(0).guid();
        switch (c) {
            case CHECK_CONNECTIVITY -> e.checkConnectivity(link.connectionGuid());
            case FORCE_REPLICATION -> e.forceReplication(link.connectionGuid(), ReplicationMode.OBEY_SCHEDULE,
                    BandwidthLevel.INFINITE);
            case FORCE_FOLDER_REPLICATION -> e.forceFolderReplication(link.connectionGuid(), scope,
                    ReplicationMode.OBEY_SCHEDULE, BandwidthLevel.INFINITE);
            case FORCE_DOWNLOAD -> e.forceDownload(link.connectionGuid(), scope,
                    Uid.parse("{" + UUID.fromString("0badc0de-0000-4000-8000-000000000001") + "}-v1").orElseThrow());
            case CLEANUP_CONFLICT_DIRECTORY -> e.cleanupConflictDirectory(scope);
        }
    }
}
