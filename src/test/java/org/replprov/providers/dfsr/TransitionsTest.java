package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.replprov.cim.CimValue;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.providers.dfsr.ConnectionTrigger;
import org.replprov.provider.spi.Indication;
import org.replprov.wql.InstanceEvent;
import org.replprov.engine.EngineHost;
import org.replprov.state.StateStore;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Links;

/** Every transition and trigger, driven through the engine listener as an adapter would drive them. */
class TransitionsTest {

    private static final UUID C1 = Links.connection(1);
    private final DfsrFixture f = new DfsrFixture();

    @AfterEach
    void close() {
        f.close();
    }

    /** Drives inbound connection 1 of {@code g} into {@code state} along allowed arrows. */
    static void reach(DfsrFixture g, ConnectionState state) {
        g.engine.report(Links.inbound(1));
        switch (state) {
            case OFFLINE -> { }
            case CONNECTING -> g.engine.trigger(C1, ConnectionTrigger.SCHEDULE_ON);
            case ONLINE -> g.engine.trigger(C1, ConnectionTrigger.SCHEDULE_ON)
                    .trigger(C1, ConnectionTrigger.CONNECTION_ESTABLISHED);
            case IN_ERROR -> g.engine.trigger(C1, ConnectionTrigger.SCHEDULE_ON)
                    .inError(C1, ConnectionFailure.SERVICE_UNREACHABLE);
        }
        assertThat(g.state(1)).isEqualTo(state.value());
    }

    static List<ConnectionState.Transition> transitions() {
        return ConnectionState.TRANSITIONS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void everyDocumentedTransitionHappensAndIsAnEvent(ConnectionState.Transition t) {
        reach(f, t.from());
        f.takeEvents();
        f.engine.trigger(C1, t.trigger());
        assertThat(f.state(1)).isEqualTo(t.to().value());
        List<Indication> events = f.takeEvents();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(InstanceEvent.MODIFICATION);
            assertThat(e.previousInstance().value(DfsrSchema.STATE)).isEqualTo(CimValue.uint32(t.from().value()));
            assertThat(e.targetInstance().value(DfsrSchema.STATE)).isEqualTo(CimValue.uint32(t.to().value()));
        });
    }

    /**
     * Facts that lead to a state with no arrow from the current one make the connection walk the diagram: one
     * modification event per arrow, so that a subscriber never sees a move the diagram does not draw.
     */
    @ParameterizedTest
    @EnumSource(ConnectionState.class)
    void aStateWithoutADirectArrowIsReachedAlongTheDiagram(ConnectionState from) {
        for (ConnectionState to : ConnectionState.values()) {
            try (DfsrFixture g = new DfsrFixture()) {
                reach(g, from);
                g.takeEvents();
                switch (to) {
                    case OFFLINE -> g.engine.offline(C1);
                    case CONNECTING -> g.engine.connecting(C1);
                    case ONLINE -> g.engine.online(C1);
                    case IN_ERROR -> g.engine.inError(C1, ConnectionFailure.SERVICE_UNREACHABLE);
                }
                assertThat(g.state(1)).as(from + " to " + to).isEqualTo(to.value());
                List<Indication> events = g.takeEvents();
                assertThat(events).as(from + " to " + to).hasSize(from.pathTo(to).size());
                ConnectionState at = from;
                for (Indication e : events) {
                    long previous = ((CimValue.Int) e.previousInstance().value(DfsrSchema.STATE)).value();
                    long target = ((CimValue.Int) e.targetInstance().value(DfsrSchema.STATE)).value();
                    assertThat(previous).isEqualTo(at.value());
                    ConnectionState next = java.util.Arrays.stream(ConnectionState.values()).filter(s -> s.value() == target)
                            .findFirst().orElseThrow();
                    ConnectionState stepFrom = at;
                    ConnectionState stepTo = next;
                    assertThat(ConnectionState.TRANSITIONS).as("an arrow " + stepFrom + " -> " + stepTo)
                            .anyMatch(t -> t.from() == stepFrom && t.to() == stepTo);
                    at = next;
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionFailure.class)
    void retriesExhaustedRecordsTheCauseUntilOnline(ConnectionFailure failure) {
        reach(f, ConnectionState.CONNECTING);
        f.engine.inError(C1, failure);
        assertThat(f.instance(1).value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(failure.eventId()));
        f.engine.trigger(C1, ConnectionTrigger.SERVICE_RETRY);
        var retrying = f.instance(1);
        assertThat(retrying.value(DfsrSchema.STATE)).isEqualTo(CimValue.uint32(0));
        assertThat(retrying.value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(failure.eventId()));
        assertThat(retrying.value(DfsrSchema.STATUS)).isEqualTo(CimValue.string("Degraded"));
        f.engine.trigger(C1, ConnectionTrigger.CONNECTION_ESTABLISHED);
        var healthy = f.instance(1);
        assertThat(healthy.value(DfsrSchema.LAST_ERROR_CODE)).isEqualTo(CimValue.uint32(0));
        assertThat(healthy.value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(0));
        assertThat(healthy.value(DfsrSchema.STATUS)).isEqualTo(CimValue.string("OK"));
    }

    @Test
    void offlineClearsTheError() {
        reach(f, ConnectionState.IN_ERROR);
        f.engine.trigger(C1, ConnectionTrigger.SERVICE_RETRY).trigger(C1, ConnectionTrigger.SCHEDULE_OFF);
        assertThat(f.instance(1).value(DfsrSchema.LAST_ERROR_CODE)).isEqualTo(CimValue.uint32(0));
    }

    @Test
    void statusTellsLostCommunicationFromNeverConnected() {
        reach(f, ConnectionState.CONNECTING);
        assertThat(f.instance(1).value(DfsrSchema.STATUS)).isEqualTo(CimValue.string("Starting"));
        f.engine.trigger(C1, ConnectionTrigger.CONNECTION_ESTABLISHED).trigger(C1, ConnectionTrigger.DISCONNECTED);
        assertThat(f.instance(1).value(DfsrSchema.STATUS)).isEqualTo(CimValue.string("Lost Comm"));
    }

    @Test
    void triggersForUnknownConnectionsAreRefused() {
        f.engine.trigger(Links.connection(99), ConnectionTrigger.SCHEDULE_ON);
        assertThat(f.provider.connectionCount()).isZero();
        assertThat(f.takeEvents()).isEmpty();
    }

    @Test
    void anEngineMayNotMoveAnotherEnginesConnection() {
        ManualScheduler clock = new ManualScheduler();
        FakeEngine a = new FakeEngine(clock.clock());
        FakeEngine b = new FakeEngine(clock.clock());
        EngineHost host = EngineHost.builder().engine("a", a).engine("b", b).build();
        try (host; var p = DfsrConnectionInfoProvider.builder().cimClass(DfsrFixture.CLASS).engines(host)
                .scheduler(clock).stateStore(StateStore.inMemory()).build()) {
            host.start();
            a.report(Links.inbound(1));
            b.trigger(C1, ConnectionTrigger.SCHEDULE_ON);
            b.remove(C1);
            b.report(Links.inbound(1));
            assertThat(p.connectionCount()).isEqualTo(1);
            var i = p.getInstance(DfsrFixture.CTX, DfsrFixture.CLASS, DfsrFixture.path(C1)).orElseThrow();
            assertThat(i.value(DfsrSchema.STATE)).isEqualTo(CimValue.uint32(2));
        }
    }

    @Test
    void removalIsADeletionEvent() {
        reach(f, ConnectionState.ONLINE);
        f.takeEvents();
        f.engine.remove(C1);
        assertThat(f.exists(1)).isFalse();
        assertThat(f.takeEvents()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(InstanceEvent.DELETION);
            assertThat(e.targetInstance().value(DfsrSchema.STATE)).isEqualTo(CimValue.uint32(1));
        });
    }

    @Test
    void aFailingEngineMarksItsConnectionsInErrorAndRecoversByRetry() {
        reach(f, ConnectionState.ONLINE);
        f.engine.report(Links.outbound(2));
        f.engine.breakWith("checkConnectivity", new IllegalStateException("adapter bug"));
        assertThat(f.invoke(1, DfsrSchema.CHECK_CONNECTIVITY)).isEqualTo(ReturnCode.ERROR_SERVICE_NOT_ACTIVE.code());
        for (int n : new int[] {1, 2}) {
            assertThat(f.state(n)).isEqualTo(ConnectionState.IN_ERROR.value());
        }
        assertThat(f.instance(1).value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(5008));
        assertThat(f.instance(1).value(DfsrSchema.STATUS)).isEqualTo(CimValue.string("Lost Comm"));
        assertThat(f.instance(2).value(DfsrSchema.LAST_ERROR_CODE)).isEqualTo(CimValue.uint32(0));
        f.engine.heal();
        f.engine.trigger(C1, ConnectionTrigger.SERVICE_RETRY).trigger(C1, ConnectionTrigger.CONNECTION_ESTABLISHED);
        assertThat(f.state(1)).isEqualTo(ConnectionState.ONLINE.value());
    }

    @Test
    void aTimedOutEngineDoesNotBlockQueries() throws Exception {
        ManualScheduler clock = new ManualScheduler();
        FakeEngine slow = new FakeEngine(clock.clock());
        EngineHost host = EngineHost.builder().engine("slow", slow).timeout(Duration.ofMillis(300)).build();
        try (host; var p = DfsrConnectionInfoProvider.builder().cimClass(DfsrFixture.CLASS).engines(host)
                .scheduler(clock).build()) {
            host.start();
            slow.report(Links.inbound(1));
            var release = slow.hang("checkConnectivity");
            Thread caller = new Thread(() -> p.invokeMethod(DfsrFixture.CTX, DfsrFixture.CLASS,
                    DfsrFixture.path(C1), DfsrFixture.CLASS.method(DfsrSchema.CHECK_CONNECTIVITY).orElseThrow(),
                    java.util.Map.of()));
            caller.start();
            while (slow.calls("checkConnectivity").isEmpty()) {
                Thread.sleep(2);
            }
            // The call hangs; queries still answer at once.
            assertThat(p.getInstance(DfsrFixture.CTX, DfsrFixture.CLASS, DfsrFixture.path(C1))).isPresent();
            caller.join(5000);
            release.countDown();
            var i = p.getInstance(DfsrFixture.CTX, DfsrFixture.CLASS, DfsrFixture.path(C1)).orElseThrow();
            assertThat(i.value(DfsrSchema.STATE)).isEqualTo(CimValue.uint32(3));
        }
    }
}
