package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.replprov.cim.Guids;
import org.replprov.cim.CimInstance;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.providers.dfsr.ConnectionTrigger;
import org.replprov.engine.spi.SyncResults;
import org.replprov.mof.MofCompiler;
import org.replprov.repository.ClassRepository;
import org.replprov.state.StateStore;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Links;
import org.replprov.wql.CompiledQuery;
import org.replprov.wql.InstanceTable;
import org.replprov.wql.Wql;

/**
 * The query tables stay equal to the connections through every kind of change: a query over them gives exactly the
 * instances that building every connection's instance and testing each would give. Parts of eight rows make many
 * parts, re-laid out as the connections grow and shrink.
 */
class ConnectionTableTest {

    private static final ClassRepository REPOSITORY = MofCompiler.loadShippedSchema();
    private static final List<String> QUERIES = List.of(
            "SELECT * FROM DfsrConnectionInfo",
            "SELECT * FROM DfsrConnectionInfo WHERE State = 3",
            "SELECT * FROM DfsrConnectionInfo WHERE State = 2 AND Inbound = TRUE",
            "SELECT * FROM DfsrConnectionInfo WHERE PartnerName LIKE 'branch1%' OR Status <> 'OK'",
            "SELECT * FROM DfsrConnectionInfo WHERE LastSuccessfulSyncTime >= '20240115093000.000000+000'",
            "SELECT * FROM DfsrConnectionInfo WHERE LastErrorCode <> 0 OR NOT LastSyncDuration < 30");

    private final ManualScheduler clock = new ManualScheduler();
    private final ConnectionInstances instances = new ConnectionInstances();
    private ConnectionTable table;
    private final Connections connections = new Connections(new DfsrTables(StateStore.inMemory()), clock,
            (before, after) -> table.changed((after != null ? after : before).guid()));

    {
        table = new ConnectionTable(DfsrFixture.CLASS, instances, connections, 8);
    }

    @Test
    void queriesOverTheTablesMatchEveryInstanceTestedThroughRandomChanges() {
        Random random = new Random(17);
        List<Integer> live = new ArrayList<>();
        int next = 0;
        for (int step = 0; step < 600; step++) {
            int op = random.nextInt(10);
            if (live.isEmpty() || op < 4 || (step < 300 && op < 6)) {
                int n = next++;
                boolean inbound = random.nextInt(4) != 0;
                connections.report("e", Links.link(n, inbound));
                connections.health("e", new LinkHealth(Links.connection(n), LinkHealth.Condition.CONNECTED, null, 0,
                        1, new SyncResults(clock.now(), Duration.ofSeconds(random.nextInt(60)),
                        clock.now().minusSeconds(random.nextInt(3600)), null)));
                live.add(n);
            } else if (op < 7) {
                UUID guid = Links.connection(live.get(random.nextInt(live.size())));
                LinkHealth.Condition c = LinkHealth.Condition.values()[
                        random.nextInt(LinkHealth.Condition.values().length)];
                int failures = random.nextInt(3);
                connections.health("e", new LinkHealth(guid, c, failures == 0 ? null
                        : EngineError.text(ConnectionFailure.SERVICE_UNREACHABLE, "test"), failures, 2,
                        SyncResults.UNKNOWN));
            } else if (op < 8 || step >= 300) {
                int n = live.remove(random.nextInt(live.size()));
                connections.remove("e", Links.connection(n));
            } else {
                connections.engineFailed("e", "test");
            }
            clock.advance(Duration.ofSeconds(random.nextInt(120)));
            if (random.nextInt(3) == 0) {
                assertTablesMatch("after step " + step);
            }
        }
        assertTablesMatch("at the end");
    }

    @Test
    void partsAreLaidOutAfreshAsTheConnectionsGrowAndShrink() {
        for (int n = 0; n < 100; n++) {
            connections.report("e", Links.inbound(n));
        }
        assertTablesMatch("100 connections");
        assertThat(table.partCount()).isEqualTo(8);
        for (int n = 100; n < 400; n++) {
            connections.report("e", Links.inbound(n));
        }
        assertTablesMatch("400 connections");
        assertThat(table.partCount()).isEqualTo(32);
        for (int n = 0; n < 390; n++) {
            connections.remove("e", Links.connection(n));
        }
        assertTablesMatch("10 connections");
        assertThat(table.partCount()).isEqualTo(1);
    }

    @Test
    void unchangedPartsKeepTheirInstancesAndAChangedConnectionGetsANewOne() {
        for (int n = 0; n < 64; n++) {
            connections.report("e", Links.inbound(n));
        }
        List<CimInstance> first = all();
        assertThat(all()).as("the same objects, kept by the tables").zipSatisfy(first,
                (again, before) -> assertThat(again).isSameAs(before));

        connections.health("e", new LinkHealth(Links.connection(5), LinkHealth.Condition.CONNECTING, null, 0, 1,
                SyncResults.UNKNOWN));
        List<CimInstance> second = all();
        CimInstance changed = second.stream().filter(i -> i.value(DfsrSchema.CONNECTION_GUID).text()
                .equals(Guids.format(Links.connection(5)))).findFirst().orElseThrow();
        assertThat(first).doesNotContain(changed);
        assertThat(second.stream().filter(first::contains)).hasSize(63);
        long kept = second.stream().filter(i -> first.stream().anyMatch(f -> f == i)).count();
        assertThat(kept).as("instances of parts without a change are the same objects").isGreaterThan(40);
    }

    private List<CimInstance> all() {
        List<CimInstance> out = new ArrayList<>();
        for (InstanceTable t : table.tables()) {
            for (int row = 0; row < t.size(); row++) {
                out.add(t.instance(row));
            }
        }
        return out;
    }

    /** Every query gives over the tables the instances that testing each connection's fresh instance gives. */
    private void assertTablesMatch(String when) {
        List<CimInstance> fresh = connections.all().stream().map(c -> instances.build(DfsrFixture.CLASS, c)).toList();
        for (String text : QUERIES) {
            CompiledQuery q = Wql.parse(text).compile(REPOSITORY, DfsrSchema.NAMESPACE);
            List<CimInstance> expected = fresh.stream().filter(q::matches).toList();
            List<CimInstance> actual = new ArrayList<>();
            table.tables().forEach(t -> q.select(t, actual::add));
            assertThat(actual).as(text + " " + when).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
