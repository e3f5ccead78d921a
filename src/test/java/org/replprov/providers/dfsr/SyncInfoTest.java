package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncSession;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Links;
import org.replprov.wql.ResultRow;

/**
 * DfsrSyncInfo through the object manager from a test engine's SyncSession facts (docs/dfsr-provider.md §11): a
 * session in progress ends in 1601, states and reasons are their documented numbers, the override in force when a
 * session started gives ForceReplicationEndTime and its bandwidth, an error gives LastErrorCode, the ring keeps the
 * last sessions of each connection, and a removed connection takes its sessions.
 */
class SyncInfoTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    private final FakeEngine engine = new FakeEngine(Clock.fixed(NOW, ZoneOffset.UTC));
    private final EngineHost host = EngineHost.builder().engine("fake", engine).timeout(Duration.ofSeconds(5)).build();
    private final List<ScheduleOverride> overrides = new ArrayList<>();
    private final DfsrSyncInfoProvider provider = new DfsrSyncInfoProvider(c -> List.copyOf(overrides));
    private final ObjectManager om;

    SyncInfoTest() {
        host.subscribe(provider);
        host.start();
        om = ObjectManager.builder(MofCompiler.loadShippedSchema())
                .register(DfsrSchema.NAMESPACE, DfsrSyncInfoProvider.CLASS, provider).build();
        engine.report(Links.inbound(1));
    }

    @AfterEach
    void close() {
        om.close();
        host.close();
    }

    private List<CimInstance> query(String wql) {
        return om.execQuery(DfsrSchema.NAMESPACE, wql).stream().map(ResultRow::instance).toList();
    }

    private static SyncSession session(UUID guid, SyncSession.State state, SyncSession.Reason reason, long updates,
                                       EngineError error) {
        return new SyncSession(Links.connection(1), guid, state, reason, NOW, state.ended() ? NOW.plusSeconds(3)
                : null, updates, 100 * updates, 0, 0, 0, 0, error, null, null);
    }

    private static String text(CimInstance i, String p) {
        CimValue v = i.value(CimName.of(p));
        return v == null ? null : v.text();
    }

    @Test
    void aSessionInProgressThenInSync() {
        UUID s = UUID.randomUUID();
        engine.fact(session(s, SyncSession.State.IN_PROGRESS, SyncSession.Reason.SCHEDULE, 0, null));
        CimInstance running = query("SELECT * FROM DfsrSyncInfo WHERE ConnectionGuid = \""
                + Guids.format(Links.connection(1)) + "\"").get(0);
        assertThat(text(running, "SyncGuid")).isEqualTo(Guids.format(s));
        assertThat(text(running, "State")).isEqualTo("2");
        assertThat(text(running, "EndTime")).isEqualTo("16010101000000.000000+000");
        assertThat(text(running, "PartnerName")).isEqualTo(Links.inbound(1).partnerName());
        assertThat(running.value(CimName.of("ForceReplicationEndTime"))).isNull();

        engine.fact(session(s, SyncSession.State.IN_SYNC, SyncSession.Reason.SCHEDULE, 3, null));
        CimInstance done = query("SELECT * FROM DfsrSyncInfo").get(0);
        assertThat(text(done, "State")).isEqualTo("4");
        assertThat(text(done, "UpdatesTransferred")).isEqualTo("3");
        assertThat(text(done, "BytesTransferred")).isEqualTo("300");
        assertThat(text(done, "EndTime")).isEqualTo("20261206040003.000000+000");
        assertThat(text(done, "LastErrorCode")).isEqualTo("0");
    }

    @Test
    void aForcedSessionShowsTheOverrideItStartedUnder() {
        overrides.add(new ScheduleOverride(Links.connection(1), null, ReplicationMode.SYNC_UNTIL_IN_SYNC,
                BandwidthLevel.MBPS_16, NOW, NOW.plusSeconds(600)));
        UUID s = UUID.randomUUID();
        engine.fact(session(s, SyncSession.State.IN_PROGRESS, SyncSession.Reason.FORCED_UNTIL_SYNC, 0, null));
        overrides.clear(); // the override ends; the session keeps what it started under
        engine.fact(session(s, SyncSession.State.INTERRUPTED, SyncSession.Reason.FORCED_UNTIL_SYNC, 1, null));
        CimInstance i = query("SELECT * FROM DfsrSyncInfo WHERE InitiationReason = 3").get(0);
        assertThat(text(i, "State")).isEqualTo("5");
        assertThat(text(i, "ForceReplicationEndTime")).isEqualTo("20261206041000.000000+000");
        assertThat(text(i, "ForceReplicationBandwidthlevel")).isEqualTo(String.valueOf(BandwidthLevel.MBPS_16.value()));
    }

    @Test
    void aFailedSessionCarriesTheErrorAndTheRingKeepsTheLastSessions() {
        engine.fact(session(UUID.randomUUID(), SyncSession.State.IN_ERROR, SyncSession.Reason.SCHEDULE, 0,
                new EngineError(ConnectionFailure.SERVICE_UNREACHABLE, EngineError.CodeSpace.WIN32, 1722, "RPC down")));
        CimInstance failed = query("SELECT * FROM DfsrSyncInfo WHERE State = 6").get(0);
        assertThat(text(failed, "LastErrorCode")).isEqualTo(String.valueOf(0x800706BAL));
        assertThat(text(failed, "LastErrorMessageId")).isEqualTo(String.valueOf(ConnectionFailure.SERVICE_UNREACHABLE
                .eventId()));

        UUID current = UUID.randomUUID();
        for (int n = 0; n < 40; n++) {
            engine.fact(session(UUID.randomUUID(), SyncSession.State.IN_SYNC, SyncSession.Reason.SCHEDULE, n, null));
            if (n == 20) {
                engine.fact(session(current, SyncSession.State.IN_PROGRESS, SyncSession.Reason.FORCED, 0, null));
            }
        }
        List<CimInstance> kept = query("SELECT * FROM DfsrSyncInfo");
        assertThat(kept).hasSize(DfsrSyncInfoProvider.SESSIONS_PER_CONNECTION);
        assertThat(kept).anyMatch(i -> text(i, "SyncGuid").equals(Guids.format(current)));
        assertThat(kept).anyMatch(i -> text(i, "UpdatesTransferred").equals("39"));
        assertThat(kept).noneMatch(i -> text(i, "State").equals("6"));

        engine.remove(Links.connection(1));
        assertThat(query("SELECT * FROM DfsrSyncInfo")).isEmpty();
    }
}
