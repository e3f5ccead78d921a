package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.providers.dfsr.ConnectionTrigger;
import org.replprov.engine.spi.SyncResults;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;
import org.replprov.testing.Links;
import org.replprov.wql.CompiledQuery;
import org.replprov.wql.ResultRow;
import org.replprov.wql.Wql;

/**
 * ExecQuery through the object manager over the provider's query tables gives what building every connection's
 * instance afresh and testing it gives, before and after connections change, appear and go.
 */
class QueriesTest {

    private static final ClassRepository REPOSITORY = MofCompiler.loadShippedSchema();
    private static final List<String> QUERIES = List.of(
            "SELECT * FROM DfsrConnectionInfo WHERE State = 3",
            "SELECT PartnerName FROM DfsrConnectionInfo WHERE Inbound = FALSE",
            "SELECT * FROM DfsrConnectionInfo WHERE PartnerName LIKE 'BRANCH1%' AND NOT State = 0",
            "SELECT Status, State FROM DfsrConnectionInfo WHERE LastSuccessfulSyncTime < '20240115093000.000000+000'",
            "SELECT * FROM DfsrConnectionInfo");

    private final DfsrFixture f = new DfsrFixture();
    private final ObjectManager om = ObjectManager.builder(REPOSITORY)
            .register(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, f.provider).build();

    @AfterEach
    void close() {
        om.close();
    }

    @Test
    void queriesGiveWhatTestingEveryFreshInstanceGives() {
        for (int n = 0; n < 300; n++) {
            f.engine.report(Links.link(n, n % 4 != 0)).sync(Links.connection(n), new SyncResults(f.clock.now(),
                    Duration.ofSeconds(n % 50), f.clock.now().minusSeconds(n * 7L), null));
            f.engine.trigger(Links.connection(n), ConnectionTrigger.SCHEDULE_ON);
        }
        assertQueriesMatch(300);

        for (int n = 0; n < 300; n += 7) {
            f.engine.inError(Links.connection(n), ConnectionFailure.SERVICE_UNREACHABLE);
        }
        for (int n = 1; n < 300; n += 11) {
            f.engine.remove(Links.connection(n));
        }
        for (int n = 300; n < 320; n++) {
            f.engine.report(Links.inbound(n));
        }
        assertQueriesMatch(320);
        assertThat(om.execQuery(DfsrSchema.NAMESPACE, QUERIES.get(0))).as("connections in error").isNotEmpty();
    }

    /** Each query's results equal the fresh instances that match, projected the same way. */
    private void assertQueriesMatch(int connections) {
        List<CimInstance> fresh = new ArrayList<>();
        for (int n = 0; n < connections; n++) {
            if (f.exists(n)) {
                fresh.add(f.instance(n));
            }
        }
        for (String text : QUERIES) {
            CompiledQuery q = Wql.parse(text).compile(REPOSITORY, DfsrSchema.NAMESPACE);
            List<ResultRow> expected = q.execute(fresh, null);
            assertThat(om.execQuery(DfsrSchema.NAMESPACE, text)).as(text)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
