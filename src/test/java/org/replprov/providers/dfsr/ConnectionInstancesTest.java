package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.Link;
import org.replprov.providers.dfsr.ConnectionTrigger;
import org.replprov.engine.spi.SyncResults;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Links;

class ConnectionInstancesTest {

    private final DfsrFixture f = new DfsrFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static String text(CimInstance i, org.replprov.cim.CimName p) {
        CimValue v = i.value(p);
        return v == null ? null : v.text();
    }

    @Test
    void anInboundConnectionHasAllTwentyProperties() {
        var now = ManualScheduler.START;
        f.engine.report(Links.inbound(1)).sync(Links.connection(1), new SyncResults(now.minusSeconds(600),
                Duration.ofSeconds(42), now.minusSeconds(300), now.plusSeconds(3600)));
        CimInstance i = f.instance(1).validate();

        assertThat(i.properties()).hasSize(20);
        assertThat(DfsrSchema.PROPERTIES.keySet()).allSatisfy(p -> assertThat(i.value(p)).as(p.toString()).isNotNull());
        assertThat(text(i, DfsrSchema.CONNECTION_GUID)).isEqualTo("10000000-0000-4001-8000-000000000001");
        assertThat(text(i, DfsrSchema.MEMBER_GUID)).isEqualTo("C0037E37-EF20-4CDF-968A-932E669ED810");
        assertThat(text(i, DfsrSchema.PARTNER_GUID)).isEqualTo("20000000-0000-4001-8000-000000000001");
        assertThat(text(i, DfsrSchema.REPLICATION_GROUP_GUID)).isEqualTo("3E337B81-109F-4A97-880C-0A1B2C3D4E5F");
        assertThat(text(i, DfsrSchema.MEMBER_NAME)).isEqualTo("FS01");
        assertThat(text(i, DfsrSchema.PARTNER_NAME)).isEqualTo("BRANCH1");
        assertThat(text(i, DfsrSchema.REPLICATION_GROUP_NAME)).isEqualTo("Branch Office Data");
        assertThat(i.value(DfsrSchema.INBOUND)).isEqualTo(CimValue.bool(true));
        assertThat(i.value(DfsrSchema.STATE)).isEqualTo(CimValue.uint32(2));
        assertThat(i.value(DfsrSchema.NAME)).isSameAs(i.value(DfsrSchema.CONNECTION_GUID));
        assertThat(text(i, DfsrSchema.CAPTION)).isEqualTo("FS01 <- BRANCH1 (Branch Office Data)");
        assertThat(text(i, DfsrSchema.DESCRIPTION))
                .isEqualTo("Inbound connection to FS01 in replication group Branch Office Data");
        assertThat(text(i, DfsrSchema.STATUS)).isEqualTo("OK");
        assertThat(text(i, DfsrSchema.INSTALL_DATE)).isEqualTo("20240115100000.000000+000");
        assertThat(text(i, DfsrSchema.LAST_SYNC_TIME)).isEqualTo("20240115095000.000000+000");
        assertThat(i.value(DfsrSchema.LAST_SYNC_DURATION)).isEqualTo(CimValue.uint32(42));
        assertThat(text(i, DfsrSchema.LAST_SUCCESSFUL_SYNC_TIME)).isEqualTo("20240115095500.000000+000");
        assertThat(text(i, DfsrSchema.NEXT_SYNC_TIME)).isEqualTo("20240115110000.000000+000");
        assertThat(i.value(DfsrSchema.LAST_ERROR_CODE)).isEqualTo(CimValue.uint32(0));
        assertThat(i.value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(0));
    }

    @Test
    void inboundDefaultsAreTheDocumentedOnes() {
        f.engine.report(Links.inbound(1));
        CimInstance i = f.instance(1);
        assertThat(i.value(DfsrSchema.LAST_SYNC_TIME)).isEqualTo(CimTimestamp.DFSR_NEVER);
        assertThat(i.value(DfsrSchema.LAST_SUCCESSFUL_SYNC_TIME)).isEqualTo(CimTimestamp.DFSR_NEVER);
        assertThat(i.value(DfsrSchema.NEXT_SYNC_TIME)).isEqualTo(CimTimestamp.DFSR_NEVER);
        assertThat(text(i, DfsrSchema.NEXT_SYNC_TIME)).isEqualTo("99990101000000.000000+000");
        assertThat(i.value(DfsrSchema.LAST_SYNC_DURATION)).isEqualTo(CimValue.uint32(0));
    }

    @Test
    void outboundConnectionsShowTheInboundOnlyDefaultsWhateverTheEngineSays() {
        var now = ManualScheduler.START;
        f.engine.report(Links.outbound(2)).sync(Links.connection(2), new SyncResults(now, Duration.ofSeconds(9), now, now));
        CimInstance i = f.instance(2).validate();
        assertThat(i.value(DfsrSchema.INBOUND)).isEqualTo(CimValue.bool(false));
        assertThat(i.value(DfsrSchema.STATE)).isEqualTo(CimValue.uint32(1));
        assertThat(i.value(DfsrSchema.LAST_SYNC_TIME)).isEqualTo(CimTimestamp.DFSR_NEVER);
        assertThat(i.value(DfsrSchema.LAST_SUCCESSFUL_SYNC_TIME)).isEqualTo(CimTimestamp.DFSR_NEVER);
        assertThat(i.value(DfsrSchema.NEXT_SYNC_TIME)).isEqualTo(CimTimestamp.DFSR_NEVER);
        assertThat(i.value(DfsrSchema.LAST_SYNC_DURATION)).isEqualTo(CimValue.uint32(0));
        assertThat(text(i, DfsrSchema.NAME)).isEqualTo("10000000-0000-4002-8000-000000000002");
        assertThat(text(i, DfsrSchema.CAPTION)).isEqualTo("FS01 -> BRANCH2 (Branch Office Data)");
        assertThat(text(i, DfsrSchema.DESCRIPTION))
                .isEqualTo("Outbound connection from FS01 in replication group Branch Office Data");
    }

    @Test
    void connectionsShareTheValuesTheyHaveInCommon() {
        var next = ManualScheduler.START.plusSeconds(900);
        for (int n : new int[] {1, 2}) {
            f.engine.report(Links.inbound(n)).sync(Links.connection(n), new SyncResults(null, Duration.ZERO, null, next));
        }
        CimInstance one = f.instance(1);
        CimInstance two = f.instance(2);
        assertThat(one.value(DfsrSchema.DESCRIPTION)).isSameAs(two.value(DfsrSchema.DESCRIPTION));
        assertThat(one.value(DfsrSchema.NEXT_SYNC_TIME)).isSameAs(two.value(DfsrSchema.NEXT_SYNC_TIME));
        assertThat(one.value(DfsrSchema.CAPTION)).isNotEqualTo(two.value(DfsrSchema.CAPTION));
    }

    @Test
    void theCaptionIsCutToItsMaxLen() {
        Link s = Links.inbound(3);
        f.engine.report(new Link(s.connectionGuid(), s.memberGuid(), s.memberName(), s.partnerGuid(),
                s.partnerName(), s.replicationGroupGuid(), "G".repeat(100), true, false, s.scopes()));
        String caption = text(f.instance(3).validate(), DfsrSchema.CAPTION);
        assertThat(caption).hasSize(64).endsWith("…");
    }

    @Test
    void errorsShowOnInboundConnectionsOnly() {
        for (int n : new int[] {1, 2}) {
            f.engine.report(Links.link(n, n == 1));
            if (n == 2) {
                f.engine.trigger(Links.connection(n), ConnectionTrigger.DISCONNECTED);
            } else {
                f.engine.trigger(Links.connection(n), ConnectionTrigger.SCHEDULE_ON);
            }
            f.engine.inError(Links.connection(n), ConnectionFailure.UNRECOGNIZED);
        }
        CimInstance in = f.instance(1).validate();
        assertThat(in.value(DfsrSchema.LAST_ERROR_CODE)).isEqualTo(CimValue.uint32(LastError.DFSR_E_CANNOT_CONNECT));
        assertThat(in.value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(5012));
        CimInstance out = f.instance(2).validate();
        assertThat(out.value(DfsrSchema.STATE)).isEqualTo(CimValue.uint32(3));
        assertThat(out.value(DfsrSchema.LAST_ERROR_CODE)).isEqualTo(CimValue.uint32(0));
        assertThat(out.value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(0));
    }

    @Test
    void guidsInPathsAreReadWithBracesAndInAnyCase() {
        f.engine.report(Links.inbound(1));
        UUID c = Links.connection(1);
        var braced = org.replprov.cim.CimObjectPath.parse(
                "DfsrConnectionInfo.ConnectionGuid=\"{" + c.toString().toLowerCase() + "}\"");
        assertThat(f.provider.getInstance(DfsrFixture.CTX, DfsrFixture.CLASS, braced)).isPresent();
        var junk = org.replprov.cim.CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\"nope\"");
        assertThat(f.provider.getInstance(DfsrFixture.CTX, DfsrFixture.CLASS, junk)).isEmpty();
    }
}
