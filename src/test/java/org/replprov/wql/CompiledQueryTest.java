package org.replprov.wql;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;

/** What a data query returns, and that testing an instance allocates nothing. */
class CompiledQueryTest {

    private final CimInstance c1 = CimInstance.builder(TestSchema.DFSR_CONNECTION_INFO)
            .set("ConnectionGuid", "c1").set("State", 3L).set("Inbound", true).set("PartnerName", "SRV-B")
            .set("MemberName", "SRV-A").build();
    private final CimInstance x1 = CimInstance.builder(TestSchema.CONNECTION_EX)
            .set("ConnectionGuid", "x1").set("State", 3L).set("Bytes", 7L).build();

    @Test
    void coversTheClassAndItsSubclasses() {
        CompiledQuery q = compile("SELECT * FROM DfsrConnectionInfo");
        assertThat(q.fromClass()).isSameAs(TestSchema.DFSR_CONNECTION_INFO);
        assertThat(q.classes()).containsExactly(TestSchema.DFSR_CONNECTION_INFO, TestSchema.CONNECTION_EX);
        assertThat(q.matches(c1)).isTrue();
        assertThat(q.matches(CimInstance.builder(TestSchema.MEMBER).set("Name", "m").build())).isFalse();
    }

    @Test
    void selectStarReturnsTheWholeInstance() {
        ResultRow row = compile("SELECT * FROM DfsrConnectionInfo").project(c1, "SRV-A");
        assertThat(row.instance()).isSameAs(c1);
    }

    @Test
    void aPropertyListReturnsThoseAndTheKeys() {
        List<ResultRow> rows = compile("SELECT PartnerName, State, __PATH FROM DfsrConnectionInfo WHERE State = 3")
                .execute(List.of(c1, x1), "SRV-A");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).instance().properties()).extracting(CimProperty::name).extracting(CimName::toString)
                .containsExactly("ConnectionGuid", "PartnerName", "State");
        assertThat(rows.get(0).instance().value("PartnerName")).isEqualTo(CimValue.string("SRV-B"));
        assertThat(rows.get(0).instance().value("MemberName")).isNull();
        assertThat(rows.get(1).className()).isEqualTo(CimName.of("Test_ConnectionEx"));
        assertThat(rows.get(1).instance().hasProperty(CimName.of("Bytes"))).isFalse();
    }

    @Test
    void rowsCarryTheSystemProperties() {
        ResultRow row = compile("SELECT State FROM DfsrConnectionInfo").project(c1, "SRV-A");
        Map<CimName, CimValue> system = row.systemProperties();
        assertThat(system).containsExactly(
                Map.entry(ResultRow.CLASS, CimValue.string("DfsrConnectionInfo")),
                Map.entry(ResultRow.NAMESPACE, CimValue.string("root\\MicrosoftDfs")),
                Map.entry(ResultRow.PATH,
                        CimValue.string("\\\\SRV-A\\root\\MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=\"c1\"")),
                Map.entry(ResultRow.RELPATH, CimValue.string("DfsrConnectionInfo.ConnectionGuid=\"c1\"")),
                Map.entry(ResultRow.SERVER, CimValue.string("SRV-A")));
        assertThat(compile("SELECT State FROM DfsrConnectionInfo").project(c1, null).systemProperties())
                .doesNotContainKey(ResultRow.SERVER)
                .containsEntry(ResultRow.PATH, CimValue.string("root\\MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=\"c1\""));
    }

    @Test
    void anInstanceOfASubclassBuiltOutsideTheRepositoryIsStillFiltered() {
        CimClass foreign = CimClass.builder("Test_Foreign").superClass(TestSchema.DFSR_CONNECTION_INFO).build();
        CimInstance f = CimInstance.builder(foreign).set("ConnectionGuid", "f1").set("State", 3L).build();
        CompiledQuery q = compile("SELECT * FROM DfsrConnectionInfo WHERE State = 3 AND __CLASS = 'Test_Foreign'");
        assertThat(q.matches(f)).isTrue();
        assertThat(q.matches(c1)).isFalse();
    }

    @Test
    void testingAnInstanceAllocatesNothing() {
        CompiledQuery q = compile("SELECT * FROM DfsrConnectionInfo WHERE (State = 3 AND Inbound = TRUE) "
                + "OR PartnerName LIKE 'srv-[a-c]%' OR NOT LastSuccessfulSyncTime < '20240101000000.000000+000' "
                + "OR PartnerName IS NULL OR __CLASS = 'Test_ConnectionEx'");
        CimInstance[] instances = new CimInstance[1000];
        for (int i = 0; i < instances.length; i++) {
            instances[i] = CimInstance.builder(TestSchema.DFSR_CONNECTION_INFO).set("ConnectionGuid", "c" + i)
                    .set("State", (long) (i % 4)).set("Inbound", i % 2 == 0).set("PartnerName", "SRV-" + (char) ('A' + i % 5))
                    .set("LastSuccessfulSyncTime", CimTimestamp.parse("2023123" + (i % 2) + "120000.000000+000")).build();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int matched = countMatches(q, instances);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 20; round++) {
            matched += countMatches(q, instances);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(matched).isPositive();
        assertThat(allocated).as("bytes allocated while testing 20 000 instances").isLessThan(1024);
    }

    private static int countMatches(CompiledQuery q, CimInstance[] instances) {
        int n = 0;
        for (CimInstance i : instances) {
            if (q.matches(i)) {
                n++;
            }
        }
        return n;
    }

    private static CompiledQuery compile(String query) {
        return Wql.parse(query).compile(TestSchema.repository(), TestSchema.NAMESPACE);
    }
}
