package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimValue;
import org.replprov.providers.dfsr.ConnectionTrigger;
import org.replprov.provider.spi.Indication;
import org.replprov.wql.InstanceEvent;
import org.replprov.state.StateStore;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Links;

/** Outbound connections appear on demand and expire after an idle time; every step is an event. */
class OutboundTest {

    @Test
    void appearsOnlineAndExpiresAfterTwelveIdleHours() {
        try (DfsrFixture f = new DfsrFixture()) {
            f.engine.report(Links.outbound(2));
            assertThat(f.takeEvents()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(InstanceEvent.CREATION);
                assertThat(e.targetInstance().value(DfsrSchema.STATE)).isEqualTo(CimValue.uint32(1));
            });
            f.clock.advance(Duration.ofHours(11).plusMinutes(59));
            assertThat(f.exists(2)).isTrue();
            f.clock.advance(Duration.ofMinutes(2));
            assertThat(f.exists(2)).isFalse();
            assertThat(f.takeEvents()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(InstanceEvent.DELETION);
                assertThat(e.targetInstance().value(DfsrSchema.INBOUND)).isEqualTo(CimValue.bool(false));
            });
        }
    }

    @Test
    void activityRestartsTheIdleTime() {
        try (DfsrFixture f = new DfsrFixture()) {
            f.engine.report(Links.outbound(2));
            f.clock.advance(Duration.ofHours(8));
            f.engine.trigger(Links.connection(2), ConnectionTrigger.DISCONNECTED);
            f.clock.advance(Duration.ofHours(8));
            f.engine.report(Links.outbound(2));
            f.clock.advance(Duration.ofHours(11));
            assertThat(f.exists(2)).isTrue();
            f.clock.advance(Duration.ofHours(1).plusMinutes(1));
            assertThat(f.exists(2)).isFalse();
        }
    }

    @Test
    void theIdleTimeIsConfigurableAndInboundConnectionsNeverExpire() {
        ManualScheduler clock = new ManualScheduler();
        try (DfsrFixture f = new DfsrFixture(clock, StateStore.inMemory(), Duration.ofHours(1))) {
            f.engine.report(Links.outbound(2)).report(Links.inbound(1));
            f.clock.advance(Duration.ofMinutes(61));
            assertThat(f.exists(2)).isFalse();
            f.clock.advance(Duration.ofDays(30));
            assertThat(f.exists(1)).isTrue();
        }
    }

    @Test
    void aReportThatChangesNothingRaisesNoEvent() {
        try (DfsrFixture f = new DfsrFixture()) {
            f.engine.report(Links.inbound(1));
            f.takeEvents();
            f.engine.report(Links.inbound(1));
            assertThat(f.takeEvents()).isEmpty();
            f.engine.syncCompleted(Links.connection(1), Duration.ofSeconds(30));
            assertThat(f.takeEvents()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(InstanceEvent.MODIFICATION);
                assertThat(e.previousInstance().value(DfsrSchema.LAST_SYNC_DURATION)).isEqualTo(CimValue.uint32(0));
                assertThat(e.targetInstance().value(DfsrSchema.LAST_SYNC_DURATION)).isEqualTo(CimValue.uint32(30));
            });
        }
    }

    @Test
    void noEventsAreBuiltWhileIndicationsAreDisabled() {
        try (DfsrFixture f = new DfsrFixture()) {
            f.provider.disableIndications(DfsrFixture.CTX, DfsrFixture.CLASS);
            f.engine.report(Links.outbound(2));
            assertThat(f.takeEvents()).isEmpty();
        }
    }
}
