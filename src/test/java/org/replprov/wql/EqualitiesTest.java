package org.replprov.wql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimName;
import org.replprov.wql.ast.Literal;

/**
 * {@link CompiledQuery#equalities()}: the {@code property = constant} conditions a provider may look instances up by
 * are exactly those every match satisfies — top-level AND operands, through parentheses, with the constant on either
 * side — and none under OR or NOT, nor other operators.
 */
class EqualitiesTest {

    private static Map<CimName, Object> equalities(String where) {
        CompiledQuery q = Wql.parse("SELECT * FROM DfsrConnectionInfo" + (where.isEmpty() ? "" : " WHERE " + where))
                .compile(TestSchema.repository(), TestSchema.NAMESPACE);
        Map<CimName, Object> out = new java.util.LinkedHashMap<>();
        q.equalities().forEach((k, v) -> out.put(k, v instanceof Literal.Str s ? s.value()
                : v instanceof Literal.Int i ? i.value() : v instanceof Literal.Bool b ? b.value()
                : ((Literal.Real) v).value()));
        return out;
    }

    @Test
    void topLevelConjunctsAreFoundByThePropertyAsTheClassSpellsIt() {
        assertThat(equalities("partnername = 'hub'")).containsExactly(Map.entry(CimName.of("PartnerName"), "hub"));
        assertThat(equalities("State = 3 AND ('hub' = PartnerName AND Inbound = TRUE) AND State > 1"))
                .containsOnly(Map.entry(CimName.of("State"), BigInteger.valueOf(3)),
                        Map.entry(CimName.of("PartnerName"), "hub"), Map.entry(CimName.of("Inbound"), true));
        // Both must hold; the first is kept, which gives a superset of the matches.
        assertThat(equalities("PartnerName = 'a' AND PartnerName = 'b'"))
                .containsExactly(Map.entry(CimName.of("PartnerName"), "a"));
    }

    @Test
    void conditionsThatNotEveryMatchSatisfiesAreLeftOut() {
        assertThat(equalities("")).isEmpty();
        assertThat(equalities("PartnerName = 'a' OR State = 3")).isEmpty();
        assertThat(equalities("NOT PartnerName = 'a'")).isEmpty();
        assertThat(equalities("PartnerName <> 'a' AND State >= 3 AND PartnerName LIKE 'a%'")).isEmpty();
        assertThat(equalities("(PartnerName = 'a' OR PartnerName = 'b') AND State = 3"))
                .containsExactly(Map.entry(CimName.of("State"), BigInteger.valueOf(3)));
        assertThat(equalities("__CLASS = 'DfsrConnectionInfo'")).isEmpty();
    }
}
