package org.replprov.wql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.repository.ClassRepository;

/**
 * Random and mutated queries: whatever the input, parsing, compiling and evaluating either succeed or throw a
 * {@link CimException}; nothing else escapes.
 */
class WqlFuzzTest {

    private static final String[] SEEDS = {
            "SELECT * FROM DfsrConnectionInfo WHERE State = 3 AND Inbound = TRUE",
            "SELECT State, PartnerName FROM DfsrConnectionInfo WHERE PartnerName LIKE 'SRV-[a-c]%' OR NOT State <> 1",
            "SELECT * FROM DfsrConnectionInfo WHERE LastSuccessfulSyncTime >= '20240115080000.000000+000'",
            "SELECT * FROM Test_ConnectionEx WHERE Bytes > 0x7FFFFFFFFFFFFFFF AND Ratio < 2.5e3 AND Grade = 'b'",
            "SELECT * FROM __InstanceModificationEvent WITHIN 10 WHERE TargetInstance ISA 'DfsrConnectionInfo' "
                    + "AND TargetInstance.State <> 1 AND PreviousInstance.State = 1",
            "ASSOCIATORS OF {DfsrConnectionInfo.ConnectionGuid=\"c1\"} WHERE AssocClass = Test_ConnectionPartner Role = Connection",
            "REFERENCES OF {Test_Member.Name='m1'} WHERE ResultClass = Test_MemberConnection KeysOnly",
            "SELECT * FROM DfsrConnectionInfo WHERE (State IS NULL OR __CLASS = 'Test_ConnectionEx') AND \"x\" > PartnerName",
    };

    private static final String[] TOKENS = {
            "SELECT", "*", "FROM", "WHERE", "AND", "OR", "NOT", "(", ")", "=", "<>", "!=", "<", ">", "<=", ">=", "LIKE",
            "IS", "NULL", "ISA", "TRUE", "FALSE", ",", ".", "WITHIN", "GROUP", "BY", "HAVING", "ASSOCIATORS", "OF",
            "REFERENCES", "{DfsrConnectionInfo.ConnectionGuid=\"c1\"}", "{", "}", "State", "Inbound", "PartnerName",
            "LastSuccessfulSyncTime", "Bytes", "Tags", "Peer", "TargetInstance", "PreviousInstance", "__CLASS",
            "__THIS", "__PATH", "DfsrConnectionInfo", "Test_ConnectionEx", "__InstanceCreationEvent", "3", "-1",
            "0x1F", "1.5", "1e400", "99999999999999999999999", "'SRV-%'", "'[a-'", "'20240115080000.000000+000'",
            "\"True\"", "'", "\"", "\\", "AssocClass", "=", "KeysOnly", "ClassDefsOnly", "SchemaOnly", "Role",
    };

    private final ClassRepository repository = TestSchema.repository();
    private final List<CimInstance> instances = List.of(
            CimInstance.builder(TestSchema.DFSR_CONNECTION_INFO).set("ConnectionGuid", "c1").set("State", 3L)
                    .set("Inbound", true).set("PartnerName", "SRV-B").build(),
            CimInstance.builder(TestSchema.DFSR_CONNECTION_INFO).set("ConnectionGuid", "c2").build(),
            CimInstance.builder(TestSchema.CONNECTION_EX).set("ConnectionGuid", "x1")
                    .set("Bytes", CimValue.uint64(-1L)).set("Grade", "b").build());

    @Test
    void mutatedQueriesFailOnlyWithCimExceptions() {
        Random random = new Random(7);
        int parsed = 0;
        for (int n = 0; n < 30_000; n++) {
            String query = mutate(random, SEEDS[random.nextInt(SEEDS.length)]);
            parsed += exercise(query) ? 1 : 0;
        }
        assertThat(parsed).as("some mutants still parse").isGreaterThan(1_000);
    }

    @Test
    void tokenSoupFailsOnlyWithCimExceptions() {
        Random random = new Random(11);
        for (int n = 0; n < 30_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(25); k >= 0; k--) {
                sb.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            }
            exercise(sb.toString());
        }
    }

    @Test
    void randomCharactersFailOnlyWithCimExceptions() {
        Random random = new Random(13);
        for (int n = 0; n < 30_000; n++) {
            char[] chars = new char[random.nextInt(60)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) (32 + random.nextInt(95));
            }
            exercise("SELECT * FROM DfsrConnectionInfo WHERE " + new String(chars));
            exercise(new String(chars));
        }
    }

    /** Parses, compiles and runs {@code query}; returns whether it parsed. */
    private boolean exercise(String query) {
        WqlQuery q;
        try {
            q = Wql.parse(query);
        } catch (CimException e) {
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("parsing <" + query + "> threw " + e, e);
        }
        try {
            if (q.isAssociationQuery()) {
                AssociationQuery a = q.compileAssociation(repository, TestSchema.NAMESPACE);
                a.references(instances);
                a.associators(instances);
                a.schema();
            } else if (q.isEventQuery()) {
                EventFilter f = q.compileEventFilter(repository, TestSchema.NAMESPACE);
                for (CimInstance i : instances) {
                    f.matches(InstanceEvent.MODIFICATION, i, i);
                    f.matches(InstanceEvent.CREATION, i, null);
                }
            } else {
                q.compile(repository, TestSchema.NAMESPACE).execute(instances, "SRV-A");
            }
        } catch (CimException e) {
            // a query that does not fit the schema
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("running <" + query + "> threw " + e, e);
        }
        return true;
    }

    private static String mutate(Random random, String seed) {
        StringBuilder sb = new StringBuilder(seed);
        for (int edits = 1 + random.nextInt(3); edits > 0 && sb.length() > 0; edits--) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, (char) (32 + random.nextInt(95)));
                case 2 -> sb.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 3 -> sb.insert(at, ' ' + TOKENS[random.nextInt(TOKENS.length)] + ' ');
                default -> {
                    int end = Math.min(sb.length(), at + random.nextInt(12));
                    sb.delete(at, end);
                }
            }
        }
        return sb.toString();
    }
}
