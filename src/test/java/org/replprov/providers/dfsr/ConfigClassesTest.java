package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.Configuration;
import org.replprov.engine.spi.Scope;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Links;
import org.replprov.wql.ResultRow;

/**
 * The DFSR configuration classes through the object manager (docs/dfsr-classes.md, "The configuration classes"):
 * from a Configuration fact (paths, schedule as the 336-byte array, enabled flags), from links alone for a connection
 * the configuration does not list and for an engine that reports no configuration, and the DfsrConfig singleton.
 */
class ConfigClassesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private static final UUID FOLDER = UUID.fromString("0e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44");
    private static final UUID OTHER_FOLDER = UUID.fromString("1e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44");

    private final FakeEngine engine = new FakeEngine(Clock.fixed(NOW, ZoneOffset.UTC));
    private final EngineHost host = EngineHost.builder().engine("fake", engine).timeout(Duration.ofSeconds(5)).build();
    private final DfsrConfigProvider provider = new DfsrConfigProvider("1.2.3");
    private final ObjectManager om;

    ConfigClassesTest() {
        host.subscribe(provider);
        host.start();
        ObjectManager.Builder b = ObjectManager.builder(MofCompiler.loadShippedSchema());
        DfsrConfigProvider.CLASSES.forEach(c -> b.register(DfsrSchema.NAMESPACE, c, provider));
        om = b.build();
    }

    @AfterEach
    void close() {
        om.close();
        host.close();
    }

    private List<CimInstance> query(String wql) {
        return om.execQuery(DfsrSchema.NAMESPACE, wql).stream().map(ResultRow::instance).toList();
    }

    private static String text(CimInstance i, String property) {
        CimValue v = i.value(CimName.of(property));
        return v == null ? null : v.text();
    }

    /** Monday 08:00–09:00 UTC open at 256 Mbit/s, the rest closed. */
    private static byte[] schedule() {
        byte[] b = new byte[Configuration.WeekSchedule.BYTES];
        b[48 + 16] = (byte) 0xEE;
        b[48 + 17] = (byte) 0xEE;
        return b;
    }

    private Configuration configuration() {
        return new Configuration(Links.GROUP, Links.GROUP_NAME, Links.MEMBER, Links.MEMBER_NAME,
                List.of(new Configuration.Folder(FOLDER, "docs", "/srv/docs", "/srv/docs/DfsrPrivate/Staging",
                        "/srv/docs/DfsrPrivate/ConflictAndDeleted", true, true)),
                List.of(new Configuration.Connection(Links.connection(1), Links.partner(1), "HUB", true, false,
                        new Configuration.WeekSchedule(schedule(), true))));
    }

    @Test
    void aConfigurationFactFillsEveryConfigurationClass() {
        engine.fact(configuration());

        CimInstance group = query("SELECT * FROM DfsrReplicationGroupConfig").get(0);
        assertThat(text(group, "ReplicationGroupGuid")).isEqualTo(Guids.format(Links.GROUP));
        assertThat(text(group, "ReplicationGroupName")).isEqualTo(Links.GROUP_NAME);

        List<CimInstance> members = query("SELECT * FROM DfsrLocalMemberConfig");
        assertThat(members).hasSize(1);
        assertThat(text(members.get(0), "MemberName")).isEqualTo(Links.MEMBER_NAME);
        assertThat(text(members.get(0), "ReplicationGroupGuid")).isEqualTo(Guids.format(Links.GROUP));

        CimInstance folder = query("SELECT * FROM DfsrReplicatedFolderConfig WHERE ReplicatedFolderName = 'DOCS'")
                .get(0);
        assertThat(text(folder, "RootPath")).isEqualTo("/srv/docs");
        assertThat(text(folder, "StagingPath")).isEqualTo("/srv/docs/DfsrPrivate/Staging");
        assertThat(folder.value(CimName.of("ReadOnly"))).isEqualTo(CimValue.bool(true));
        assertThat(text(folder, "MemberGuid")).isEqualTo(Guids.format(Links.MEMBER));

        CimInstance c = query("SELECT * FROM DfsrConnectionConfig WHERE Enabled = 'False'").get(0);
        assertThat(text(c, "ConnectionGuid")).isEqualTo(Guids.format(Links.connection(1)));
        assertThat(text(c, "PartnerName")).isEqualTo("HUB");
        assertThat(c.value(CimName.of("Inbound"))).isEqualTo(CimValue.bool(true));
        assertThat(c.value(CimName.of("ScheduleInUtc"))).isEqualTo(CimValue.bool(true));
        CimValue.Array s = (CimValue.Array) c.value(CimName.of("Schedule"));
        assertThat(s.elements()).hasSize(336);
        assertThat(s.elements().get(64)).isEqualTo(CimValue.uint8(0xEE));
        assertThat(s.elements().stream().filter(e -> !e.equals(CimValue.uint8(0)))).hasSize(2);

        // A later fact for the group replaces the earlier one.
        engine.fact(new Configuration(Links.GROUP, "Renamed", Links.MEMBER, Links.MEMBER_NAME, List.of(), List.of()));
        assertThat(text(query("SELECT * FROM DfsrReplicationGroupConfig").get(0), "ReplicationGroupName"))
                .isEqualTo("Renamed");
        assertThat(query("SELECT * FROM DfsrConnectionConfig")).isEmpty();
    }

    @Test
    void linksTheConfigurationDoesNotListAreEnabledConnectionsWithoutSchedule() {
        engine.fact(configuration());
        engine.report(Links.inbound(1)); // the configured one: the configuration's words win
        engine.report(Links.withScopes(Links.outbound(2), Scope.folder(OTHER_FOLDER, "other")));

        List<CimInstance> all = query("SELECT * FROM DfsrConnectionConfig");
        assertThat(all).hasSize(2);
        CimInstance configured = query("SELECT * FROM DfsrConnectionConfig WHERE Inbound = 'True'").get(0);
        assertThat(configured.value(CimName.of("Enabled"))).isEqualTo(CimValue.bool(false));
        CimInstance learnt = query("SELECT * FROM DfsrConnectionConfig WHERE Inbound = 'False'").get(0);
        assertThat(text(learnt, "ConnectionGuid")).isEqualTo(Guids.format(Links.connection(2)));
        assertThat(learnt.value(CimName.of("Enabled"))).isEqualTo(CimValue.bool(true));
        assertThat(learnt.value(CimName.of("Schedule"))).isNull();
        assertThat(learnt.value(CimName.of("ScheduleInUtc"))).isNull();

        // The outbound link's folder is a folder of the member too, with what the link says.
        CimInstance other = query("SELECT * FROM DfsrReplicatedFolderConfig WHERE ReplicatedFolderName = 'other'")
                .get(0);
        assertThat(other.value(CimName.of("RootPath"))).isNull();
        assertThat(other.value(CimName.of("Enabled"))).isEqualTo(CimValue.bool(true));

        engine.remove(Links.connection(2));
        assertThat(query("SELECT * FROM DfsrConnectionConfig")).hasSize(1);
    }

    @Test
    void anEngineWithoutConfigurationFactsShowsWhatItsLinksSay() {
        engine.report(Links.inbound(3));
        CimInstance group = query("SELECT * FROM DfsrReplicationGroupConfig").get(0);
        assertThat(text(group, "ReplicationGroupName")).isEqualTo(Links.GROUP_NAME);
        assertThat(query("SELECT * FROM DfsrLocalMemberConfig")).hasSize(1);
        assertThat(query("SELECT * FROM DfsrConnectionConfig WHERE Enabled = TRUE")).hasSize(1);
    }

    @Test
    void dfsrConfigIsASingletonWithTheVersion() {
        CimInstance c = om.getInstance(DfsrSchema.NAMESPACE, CimObjectPath.singleton(DfsrSchema.NAMESPACE,
                DfsrConfigProvider.CONFIG));
        assertThat(text(c, "ProviderVersion")).isEqualTo("1.2.3");
        assertThat(text(c, "ServiceVersion")).isEqualTo("1.2.3");
    }
}
