package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.engine.EngineHost;
import org.replprov.state.StateStore;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Links;
import org.replprov.testing.ManualScheduler;

/**
 * An engine that fails to start among others: queries still answer, with the running engines' connections and the
 * failed engine's connections of before the restart In Error (5008), found by the engine name saved with them. Only
 * when no engine runs does the provider refuse to answer.
 */
class EngineDownTest {

    @TempDir
    Path dir;

    private record Stack(EngineHost host, StateStore state, DfsrConnectionInfoProvider provider) implements AutoCloseable {
        List<CimInstance> all() {
            java.util.ArrayList<CimInstance> out = new java.util.ArrayList<>();
            provider.enumerateInstances(DfsrFixture.CTX, DfsrFixture.CLASS, out::add);
            return out;
        }

        @Override
        public void close() {
            host.close();
            provider.close();
            state.close();
        }
    }

    private Stack start(ManualScheduler clock, FakeEngine a, FakeEngine b) {
        EngineHost host = EngineHost.builder().engine("a", a).engine("b", b).build();
        StateStore state = StateStore.open(dir);
        DfsrConnectionInfoProvider p = DfsrConnectionInfoProvider.builder().cimClass(DfsrFixture.CLASS).engines(host)
                .stateStore(state).scheduler(clock).build();
        host.start();
        return new Stack(host, state, p);
    }

    @Test
    void theOthersAnswerAndTheFailedEnginesConnectionsShowInError() {
        ManualScheduler clock = new ManualScheduler();
        FakeEngine a = new FakeEngine(clock.clock());
        FakeEngine b = new FakeEngine(clock.clock());
        try (Stack s = start(clock, a, b)) {
            a.report(Links.inbound(1)).online(Links.connection(1));
            b.report(Links.inbound(2)).online(Links.connection(2));
            b.report(Links.outbound(3));
            assertThat(s.all()).hasSize(3);
        }

        FakeEngine a2 = new FakeEngine(clock.clock());
        FakeEngine b2 = new FakeEngine(clock.clock()).refuse("start", 2);
        try (Stack s = start(clock, a2, b2)) {
            assertThat(s.host().status()).extracting(org.replprov.engine.EngineStatus::up).containsExactly(true, false);
            a2.report(Links.inbound(1)).online(Links.connection(1));
            List<CimInstance> all = s.all();
            assertThat(all).hasSize(3);
            for (CimInstance i : all) {
                String partner = i.value(DfsrSchema.PARTNER_NAME).text();
                long state = ((CimValue.Int) i.value(DfsrSchema.STATE)).value();
                if (partner.equals("BRANCH1")) {
                    assertThat(state).as("engine a's connection").isEqualTo(ConnectionState.ONLINE.value());
                } else {
                    assertThat(state).as("engine b's connection " + partner).isEqualTo(ConnectionState.IN_ERROR.value());
                }
            }
            CimInstance inbound2 = all.stream().filter(i -> i.value(DfsrSchema.PARTNER_NAME).text().equals("BRANCH2"))
                    .findFirst().orElseThrow();
            assertThat(inbound2.value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(5008));
        }
    }

    @Test
    void withNoEngineRunningTheProviderRefusesToAnswer() {
        ManualScheduler clock = new ManualScheduler();
        try (Stack s = start(clock, new FakeEngine(clock.clock()).refuse("start", 2),
                new FakeEngine(clock.clock()).refuse("start", 2))) {
            assertThatThrownBy(s::all).isInstanceOfSatisfying(CimException.class,
                    e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_NOT_AVAILABLE))
                    .hasMessageContaining("engine 'a' did not start").hasMessageContaining("1 more engine(s) are down");
        }
    }
}
