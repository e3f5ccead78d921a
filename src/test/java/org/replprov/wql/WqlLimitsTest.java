package org.replprov.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;

/** The bounds of the parser (MS-WMI §3.1.4.3.18 WBEM_MAX_QUERY; WMI SDK: too complex is a quota violation). */
class WqlLimitsTest {

    private static final String PREFIX = "SELECT * FROM DfsrConnectionInfo WHERE ";

    @Test
    void acceptsAQueryOfExactlyTheMaximumLength() {
        String query = padded(Wql.MAX_QUERY_LENGTH);
        assertThat(query).hasSize(16_384);
        assertThat(Wql.parse(query).text()).isEqualTo(query);
    }

    @Test
    void refusesOneCharacterMore() {
        assertThatThrownBy(() -> Wql.parse(padded(Wql.MAX_QUERY_LENGTH + 1)))
                .isInstanceOfSatisfying(WqlParseException.class, e -> {
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_QUOTA_VIOLATION);
                    assertThat(e.column()).isEqualTo(16_385);
                });
    }

    @Test
    void acceptsNestingUpToTheBound() {
        int depth = Wql.MAX_NESTING_DEPTH;
        Wql.parse(PREFIX + "(".repeat(depth) + "State = 1" + ")".repeat(depth));
        Wql.parse(PREFIX + "NOT ".repeat(depth) + "State = 1");
    }

    @Test
    void refusesDeeperNestingWithTheColumnOfTheOffendingToken() {
        int depth = Wql.MAX_NESTING_DEPTH + 1;
        assertThatThrownBy(() -> Wql.parse(PREFIX + "(".repeat(depth) + "State = 1" + ")".repeat(depth)))
                .isInstanceOfSatisfying(WqlParseException.class, e -> {
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_QUOTA_VIOLATION);
                    assertThat(e.column()).isEqualTo(PREFIX.length() + depth);
                    assertThat(e.token()).isEqualTo("(");
                });
        assertThatThrownBy(() -> Wql.parse(PREFIX + "NOT (".repeat(depth / 2 + 1) + "State = 1"))
                .isInstanceOfSatisfying(WqlParseException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_QUOTA_VIOLATION));
    }

    @Test
    void aLongChainOfAndAndOrIsWideNotDeep() {
        StringBuilder sb = new StringBuilder(PREFIX).append("State = 0");
        while (sb.length() < Wql.MAX_QUERY_LENGTH - 20) {
            sb.append(" OR State = 1 AND Inbound = TRUE");
        }
        CompiledQuery c = Wql.parse(sb.toString()).compile(TestSchema.repository(), TestSchema.NAMESPACE);
        assertThat(c.classes()).isNotEmpty();
    }

    @Test
    void refusesEmptyAndBlankQueries() {
        for (String query : new String[] {"", "   ", "\n"}) {
            assertThatThrownBy(() -> Wql.parse(query)).isInstanceOfSatisfying(WqlParseException.class, e -> {
                assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_QUERY);
                assertThat(e.column()).isEqualTo(query.length() + 1);
            });
        }
    }

    @Test
    void nullTextIsAnInvalidParameter() {
        assertThatThrownBy(() -> Wql.parse(null)).isInstanceOfSatisfying(CimException.class,
                e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_PARAMETER));
    }

    @Test
    void onlyWqlIsAQueryLanguage() {
        assertThat(Wql.parse("wql", "SELECT * FROM DfsrConnectionInfo").statement()).isNotNull();
        assertThatThrownBy(() -> Wql.parse("CQL", "SELECT * FROM DfsrConnectionInfo"))
                .isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_QUERY_TYPE));
    }

    @Test
    void theMessageNamesStatusColumnAndProblem() {
        assertThatThrownBy(() -> Wql.parse("SELECT * FORM DfsrConnectionInfo"))
                .hasMessage("WBEM_E_INVALID_QUERY (0x80041017) at column 10: expected FROM after the property list, "
                        + "found 'FORM'");
    }

    private static String padded(int length) {
        String core = PREFIX + "PartnerName = '";
        return core + "x".repeat(length - core.length() - 1) + "'";
    }
}
