package org.replprov.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.repository.ClassRepository;
import org.replprov.wql.CompiledQuery;
import org.replprov.wql.InstanceTable;
import org.replprov.wql.ResultRow;

/**
 * ExecQuery hands the compiled query to the provider ({@link InstanceProvider#queryInstances}) and still checks and
 * filters whatever comes back: a provider may answer with a superset, never changes the result by answering too much,
 * and is blamed for a malformed instance as in an enumeration.
 */
class QueryPushDownTest {

    static final String NS = "root/test";
    static final CimClass GAUGE = CimClass.builder("Gauge")
            .property(CimProperty.of("Id", CimDataType.STRING, CimQualifier.flag("Key")))
            .property(CimProperty.of("Level", CimDataType.UINT8, CimQualifier.of("MaxValue", CimValue.uint32(10))))
            .build();
    static final ClassRepository REPO = ClassRepository.builder().addClass(NS, GAUGE).build();

    /** Gauges 0..9 with Level = Id; answers queries with a table scan, or with everything when {@code lazy}. */
    static final class Gauges implements InstanceProvider {
        final List<CimInstance> rows = new ArrayList<>();
        final List<CompiledQuery> queries = new ArrayList<>();
        boolean lazy;

        Gauges() {
            for (int i = 0; i < 10; i++) {
                rows.add(CimInstance.builder(GAUGE).set("Id", "g" + i).set("Level", CimValue.uint8(i)).build());
            }
        }

        @Override
        public String name() {
            return "gauges";
        }

        @Override
        public void enumerateInstances(ProviderContext ctx, CimClass c, InstanceSink out) {
            rows.forEach(out::accept);
        }

        @Override
        public void queryInstances(ProviderContext ctx, CimClass c, CompiledQuery query, InstanceSink out) {
            queries.add(query);
            if (lazy) {
                enumerateInstances(ctx, c, out);
            } else {
                query.select(InstanceTable.of(c, rows), out::accept);
            }
        }
    }

    @Test
    void theProviderGetsTheCompiledQuery() {
        Gauges gauges = new Gauges();
        List<ResultRow> rows = om(gauges).execQuery(NS, "SELECT Id FROM Gauge WHERE Level >= 7");
        assertThat(rows).extracting(r -> r.instance().value("Id").text()).containsExactly("g7", "g8", "g9");
        assertThat(gauges.queries).hasSize(1);
        assertThat(gauges.queries.get(0).fromClass()).isSameAs(GAUGE);
    }

    @Test
    void aProviderThatAnswersWithEverythingIsFilteredAfterwards() {
        Gauges gauges = new Gauges();
        gauges.lazy = true;
        assertThat(om(gauges).execQuery(NS, "SELECT * FROM Gauge WHERE Level < 2"))
                .extracting(r -> r.instance().value("Id").text()).containsExactly("g0", "g1");
    }

    @Test
    void aMalformedInstanceAQueryReturnsIsTheProvidersFailure() {
        Gauges gauges = new Gauges();
        gauges.rows.add(CimInstance.builder(GAUGE).set("Id", "big").set("Level", CimValue.uint8(200)).build());
        ObjectManager om = om(gauges);
        assertThat(om.execQuery(NS, "SELECT * FROM Gauge WHERE Level < 5")).hasSize(5);
        assertThatThrownBy(() -> om.execQuery(NS, "SELECT * FROM Gauge WHERE Level > 100"))
                .isInstanceOfSatisfying(CimException.class, e -> {
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_PROVIDER_FAILURE);
                    assertThat(e.getMessage()).contains("gauges", "exceeds MaxValue 10");
                });
    }

    @Test
    void anEnumerationDoesNotAskForAQuery() {
        Gauges gauges = new Gauges();
        assertThat(om(gauges).enumerateInstances(NS, GAUGE.name())).hasSize(10);
        assertThat(gauges.queries).isEmpty();
    }

    private static ObjectManager om(Gauges gauges) {
        return ObjectManager.builder(REPO).register(NS, GAUGE.name(), gauges).build();
    }
}
