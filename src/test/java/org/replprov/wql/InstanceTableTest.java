package org.replprov.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDateTime;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.repository.ClassRepository;

/**
 * Queries over an {@link InstanceTable} give exactly the rows that testing the instances one by one gives, across
 * every kind of column, NULLs, wildcards and row-set word boundaries; scanning allocates nothing per row; columns and
 * instances are built only when a query needs them.
 */
class InstanceTableTest {

    private static final ClassRepository REPOSITORY = TestSchema.repository();

    private static final String[] STATES = {"0", "1", "3", "5", "4294967295"};
    private static final String[] PARTNERS = {"SRV-B", "srv-c", "DC01.corp.example", "", "İstanbul", "ı", "50%_off",
            "straße", "\uD801\uDC00x", "\uD801\uDC28X", "A", "[x]"};
    private static final String[] TIMES = {"20240115080000.000000+000", "20240115093000.000000+060",
            "99990101000000.000000+000", "2024011508****.******+000", "20240115080000.000000+***",
            "00000001120032.000000:000"};
    private static final String[] UPTIMES = {"00000001120032.000000:000", "00000000000500.000000:000",
            "000000011200**.******:000", "20240115080000.000000+000"};
    private static final long[] BYTES = {0, 1, Long.MAX_VALUE, -1L, Long.MIN_VALUE, -2048L};
    private static final double[] RATIOS = {0.5, 2.25, Double.NaN, -0.0, 1e300};
    private static final char[] GRADES = {'b', 'Z', 'ß', 'İ'};
    private static final String[] PEERS = {"DfsrConnectionInfo.ConnectionGuid=\"c1\"",
            "\\\\SRV-A\\root\\MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=\"C2\""};

    private static final String[] CONDITIONS = {
            "State = 3", "State <> 3", "State > 1", "State <= 0", "State > -1", "State < 4294967296", "State = '3'",
            "State > 2.5", "State = 3.0", "LastSyncDuration >= 5", "Inbound = TRUE", "Inbound = FALSE", "Inbound <> 1",
            "PartnerName = 'srv-b'", "PartnerName < 'm'", "PartnerName >= 'İ'", "PartnerName <> ''",
            "PartnerName = '\uD801\uDC28x'", "PartnerName LIKE 'srv-%'", "PartnerName LIKE '%.corp%'",
            "PartnerName LIKE '[a-d]%'", "PartnerName LIKE '_'", "PartnerName LIKE '%'", "PartnerName LIKE 'i%'",
            "PartnerName LIKE '[^a-z]%'", "PartnerName LIKE '%[%]%'", "PartnerName LIKE 'STRASSE'",
            "LastSuccessfulSyncTime = '20240115080000.000000+000'",
            "LastSuccessfulSyncTime <> '20240115080000.000000+000'",
            "LastSuccessfulSyncTime < '20240116000000.000000+000'",
            "LastSuccessfulSyncTime >= '20240115083000.000000+000'",
            "LastSuccessfulSyncTime > '00000001000000.000000:000'", "Bytes > 9223372036854775807", "Bytes = 0",
            "Bytes < 18446744073709551615", "Bytes >= 1e19", "Bytes > 0.5", "Delta < 0", "Delta > -5.5",
            "Ratio > 1", "Ratio = 0", "Ratio <> 0.5", "Grade = 'B'", "Grade > 'y'", "Grade <= 'i'",
            "Uptime > '00000001000000.000000:000'", "Uptime = '00000000000500.000000:000'",
            "Uptime <> '00000000000500.000000:000'", "Uptime < '20240115080000.000000+000'",
            "Peer = 'DfsrConnectionInfo.ConnectionGuid=\"C1\"'", "Peer <> 'DfsrConnectionInfo.ConnectionGuid=\"c2\"'",
            "Tags IS NULL", "Tags IS NOT NULL", "State IS NULL", "PartnerName IS NOT NULL", "Uptime IS NULL",
            "__CLASS = 'Test_ConnectionEx'", "__CLASS <> 'DfsrConnectionInfo'", "__THIS ISA 'Test_ConnectionEx'",
            "PartnerName LIKE '3'", "State LIKE '3'",
    };

    @Test
    void everyConditionGivesTheSameRowsOverATableAsInstanceByInstance() {
        Random random = new Random(3);
        for (int size : new int[] {0, 1, 63, 64, 65, 130, 700}) {
            List<CimInstance> instances = population(random, size);
            for (String condition : CONDITIONS) {
                assertSameRows(instances, condition);
                assertSameRows(instances, "NOT " + condition);
            }
        }
    }

    @Test
    void randomCombinationsGiveTheSameRows() {
        Random random = new Random(5);
        List<CimInstance> instances = population(random, 300);
        for (int n = 0; n < 3_000; n++) {
            assertSameRows(instances, expression(random, 3));
        }
    }

    @Test
    void aTableFromASourceGivesTheSameRowsAsOneFromInstances() {
        List<CimInstance> instances = population(new Random(9), 200).stream()
                .filter(i -> i.cimClass() == TestSchema.DFSR_CONNECTION_INFO).toList();
        InstanceTable fromSource = InstanceTable.of(TestSchema.DFSR_CONNECTION_INFO, source(instances, null, null));
        CompiledQuery q = compile("SELECT * FROM DfsrConnectionInfo WHERE (State = 3 OR PartnerName LIKE 's%') "
                + "AND NOT LastSuccessfulSyncTime > '20240115080000.000000+000'");
        assertThat(q.execute(fromSource, null)).isNotEmpty()
                .isEqualTo(q.execute(InstanceTable.of(TestSchema.DFSR_CONNECTION_INFO, instances), null));
    }

    @Test
    void columnsAndInstancesAreBuiltOnlyWhenAQueryNeedsThem() {
        List<CimInstance> instances = population(new Random(1), 500).stream()
                .filter(i -> i.cimClass() == TestSchema.DFSR_CONNECTION_INFO).toList();
        Set<Integer> propertiesRead = new HashSet<>();
        AtomicInteger instancesBuilt = new AtomicInteger();
        InstanceTable table = InstanceTable.of(TestSchema.DFSR_CONNECTION_INFO,
                source(instances, propertiesRead, instancesBuilt));
        CompiledQuery q = compile("SELECT * FROM DfsrConnectionInfo WHERE State = 3 AND Inbound = TRUE");

        int matches = q.execute(table, null).size();
        q.execute(table, null);

        CimClass c = TestSchema.DFSR_CONNECTION_INFO;
        assertThat(propertiesRead).containsExactlyInAnyOrder(c.propertyIndex(org.replprov.cim.CimName.of("State")),
                c.propertyIndex(org.replprov.cim.CimName.of("Inbound")));
        assertThat(matches).isPositive().isLessThan(instances.size() / 4);
        assertThat(instancesBuilt).as("one instance per matching row, kept").hasValue(matches);
    }

    @Test
    void scanningATableAllocatesNothingPerRow() {
        List<CimInstance> instances = new ArrayList<>();
        Random random = new Random(2);
        while (instances.size() < 50_000) {
            instances.addAll(population(random, 1_000).stream()
                    .filter(i -> i.cimClass() == TestSchema.DFSR_CONNECTION_INFO).toList());
        }
        InstanceTable table = InstanceTable.of(TestSchema.DFSR_CONNECTION_INFO, instances);
        CompiledQuery q = compile("SELECT * FROM DfsrConnectionInfo WHERE (State = 3 AND Inbound = TRUE) "
                + "OR PartnerName LIKE 'srv-[a-c]%' OR NOT LastSuccessfulSyncTime < '20240116000000.000000+000' "
                + "OR PartnerName IS NULL OR PartnerName = 'dc01.corp.example'");
        long[] first = q.matchingRows(table);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 10; round++) {
            assertThat(q.matchingRows(table)).isEqualTo(first);
        }
        long perScan = (threads.getCurrentThreadAllocatedBytes() - before) / 10;
        // Row sets for the OR (about 6 KB each for 50 000 rows) and a window object per LIKE: nothing per row.
        assertThat(perScan).as("bytes allocated per scan of %d rows", instances.size()).isLessThan(64 * 1024);
    }

    @Test
    void aTableHoldsInstancesOfItsClassOnly() {
        CimInstance other = CimInstance.builder(TestSchema.MEMBER).set("Name", "m1").build();
        assertThatThrownBy(() -> InstanceTable.of(TestSchema.DFSR_CONNECTION_INFO, List.of(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Test_Member");
    }

    @Test
    void aQueryOverAClassItDoesNotCoverFindsNothing() {
        InstanceTable members = InstanceTable.of(TestSchema.MEMBER,
                List.of(CimInstance.builder(TestSchema.MEMBER).set("Name", "m1").build()));
        assertThat(compile("SELECT * FROM DfsrConnectionInfo").execute(members, null)).isEmpty();
    }

    /** The rows a query gives over each class's table are those it gives instance by instance, in the same order. */
    private static void assertSameRows(List<CimInstance> instances, String condition) {
        for (String from : new String[] {"DfsrConnectionInfo", "Test_ConnectionEx"}) {
            String query = "SELECT * FROM " + from + " WHERE " + condition;
            CompiledQuery q;
            try {
                q = compile(query);
            } catch (CimException e) {
                continue; // not a query of this class: compiled and refused the same way for both paths
            }
            List<CimInstance> expected = q.execute(instances, null).stream().map(ResultRow::instance).toList();
            List<CimInstance> actual = new ArrayList<>();
            for (CimClass c : List.of(TestSchema.DFSR_CONNECTION_INFO, TestSchema.CONNECTION_EX)) {
                List<CimInstance> rows = instances.stream().filter(i -> i.cimClass() == c).toList();
                q.select(InstanceTable.of(c, rows), actual::add);
            }
            assertThat(actual).as(query).containsExactlyInAnyOrderElementsOf(expected);
            for (CimClass c : List.of(TestSchema.DFSR_CONNECTION_INFO, TestSchema.CONNECTION_EX)) {
                assertThat(actual.stream().filter(i -> i.cimClass() == c).toList()).as(query + ", order in " + c.name())
                        .containsExactlyElementsOf(expected.stream().filter(i -> i.cimClass() == c).toList());
            }
        }
    }

    private static String expression(Random random, int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return CONDITIONS[random.nextInt(CONDITIONS.length)];
        }
        return switch (random.nextInt(3)) {
            case 0 -> "(" + expression(random, depth - 1) + " AND " + expression(random, depth - 1) + ")";
            case 1 -> "(" + expression(random, depth - 1) + " OR " + expression(random, depth - 1) + " OR "
                    + expression(random, depth - 1) + ")";
            default -> "NOT " + expression(random, depth - 1);
        };
    }

    /** Connections of both classes, interleaved, with a fifth of each property NULL and values that repeat. */
    private static List<CimInstance> population(Random random, int size) {
        List<CimInstance> out = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            boolean ex = random.nextInt(3) == 0;
            CimInstance.Builder b = CimInstance.builder(ex ? TestSchema.CONNECTION_EX : TestSchema.DFSR_CONNECTION_INFO)
                    .set("ConnectionGuid", "r" + n);
            maybe(random, () -> b.set("State", CimValue.uint32(Long.parseLong(pick(random, STATES)))));
            maybe(random, () -> b.set("LastSyncDuration", CimValue.uint32(random.nextInt(10))));
            maybe(random, () -> b.set("Inbound", random.nextBoolean()));
            maybe(random, () -> b.set("PartnerName", pick(random, PARTNERS)));
            maybe(random, () -> b.set("LastSuccessfulSyncTime", CimDateTime.parse(pick(random, TIMES))));
            if (ex) {
                maybe(random, () -> b.set("Bytes", CimValue.uint64(BYTES[random.nextInt(BYTES.length)])));
                maybe(random, () -> b.set("Delta", CimValue.sint32(random.nextInt(21) - 10)));
                maybe(random, () -> b.set("Ratio", new CimValue.Real(org.replprov.cim.CimType.REAL64,
                        RATIOS[random.nextInt(RATIOS.length)])));
                maybe(random, () -> b.set("Grade", new CimValue.Char16(GRADES[random.nextInt(GRADES.length)])));
                maybe(random, () -> b.set("Uptime", CimDateTime.parse(pick(random, UPTIMES))));
                maybe(random, () -> b.set("Tags", CimValue.Array.ofStrings(List.of("a", "b"))));
                maybe(random, () -> b.set("Peer", CimObjectPath.parse(pick(random, PEERS))));
            }
            out.add(b.build());
        }
        return out;
    }

    private static void maybe(Random random, Runnable set) {
        if (random.nextInt(5) != 0) {
            set.run();
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A source over {@code instances} that records which properties it is asked for and how many instances. */
    private static InstanceTable.Source source(List<CimInstance> instances, Set<Integer> propertiesRead,
                                               AtomicInteger instancesBuilt) {
        return new InstanceTable.Source() {
            @Override
            public int size() {
                return instances.size();
            }

            @Override
            public CimValue value(int row, int property) {
                if (propertiesRead != null) {
                    propertiesRead.add(property);
                }
                return instances.get(row).value(property);
            }

            @Override
            public CimInstance instance(int row) {
                if (instancesBuilt != null) {
                    instancesBuilt.incrementAndGet();
                }
                return instances.get(row).toBuilder().build();
            }
        };
    }

    private static CompiledQuery compile(String query) {
        return Wql.parse(query).compile(REPOSITORY, TestSchema.NAMESPACE);
    }
}
