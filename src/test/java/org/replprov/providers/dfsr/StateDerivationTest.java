package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.SyncResults;
import org.replprov.testing.Links;

/**
 * The derivation table of docs/dfsr-provider.md §2.1, row by row, through the provider: a test engine reports only
 * facts (a link and its health, never a state) and every combination of condition, error and failures in a row gets
 * the documented State, and the LastErrorCode and LastErrorMessageId of §4.
 */
class StateDerivationTest {

    private static final int RETRIES = 3;
    private final DfsrFixture f = new DfsrFixture();

    @AfterEach
    void close() {
        f.close();
    }

    /** One row of the documented table. */
    record Row(LinkHealth.Condition condition, String exhausted, ConnectionState state) {
    }

    static List<Row> documentedRows() throws IOException {
        String doc = Files.readString(Path.of("docs/dfsr-provider.md"));
        Matcher m = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| (any|no|yes) \\| (Offline|Connecting|Online|In Error) \\|$")
                .matcher(doc);
        List<Row> rows = new ArrayList<>();
        while (m.find()) {
            ConnectionState s = java.util.Arrays.stream(ConnectionState.values())
                    .filter(x -> x.displayName().equals(m.group(3))).findFirst().orElseThrow();
            rows.add(new Row(LinkHealth.Condition.valueOf(m.group(1)), m.group(2), s));
        }
        return rows;
    }

    @Test
    void theDocumentedTableCoversEveryCondition() throws IOException {
        assertThat(documentedRows()).extracting(Row::condition).containsAll(List.of(LinkHealth.Condition.values()));
    }

    @Test
    void everyCombinationOfFactsGetsTheDocumentedState() throws IOException {
        List<Row> rows = documentedRows();
        int n = 0;
        for (LinkHealth.Condition condition : LinkHealth.Condition.values()) {
            for (int failures = 0; failures <= RETRIES + 1; failures++) {
                for (boolean withError : new boolean[] {false, true}) {
                    if (failures == 0 && withError) {
                        continue; // an error is the error of a failed attempt
                    }
                    EngineError error = withError ? new EngineError(ConnectionFailure.UNRECOGNIZED,
                            EngineError.CodeSpace.WERROR, 8453, "Replication access was denied.") : null;
                    boolean exhausted = withError && failures >= RETRIES;
                    ConnectionState expected = rows.stream().filter(r -> r.condition() == condition
                                    && (r.exhausted().equals("any") || r.exhausted().equals(exhausted ? "yes" : "no")))
                            .map(Row::state).findFirst().orElseThrow();
                    n++;
                    f.engine.report(Links.inbound(n)).health(new LinkHealth(Links.connection(n), condition, error,
                            failures, RETRIES, SyncResults.UNKNOWN));
                    CimInstance i = f.instance(n).validate();
                    String what = condition + ", " + failures + " failure(s), error " + withError;
                    assertThat(i.value(DfsrSchema.STATE)).as(what).isEqualTo(CimValue.uint32(expected.value()));
                    if (expected == ConnectionState.IN_ERROR) {
                        // WERROR 8453 ERROR_DS_DRA_ACCESS_DENIED as HRESULT_FROM_WIN32.
                        assertThat(i.value(DfsrSchema.LAST_ERROR_CODE)).as(what).isEqualTo(CimValue.uint32(0x80072105L));
                        assertThat(i.value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).as(what).isEqualTo(CimValue.uint32(5012));
                        assertThat(i.value(DfsrSchema.STATUS)).as(what).isEqualTo(CimValue.string("Error"));
                    } else {
                        assertThat(i.value(DfsrSchema.LAST_ERROR_CODE)).as(what).isEqualTo(CimValue.uint32(0));
                    }
                }
            }
        }
    }

    @Test
    void theCodeSpaceDecidesLastErrorCode() {
        record Case(EngineError.CodeSpace space, long code, long lastErrorCode) {
        }
        List<Case> cases = List.of(new Case(EngineError.CodeSpace.HRESULT, 0x80070035L, 0x80070035L),
                new Case(EngineError.CodeSpace.WIN32, 53, 0x80070035L),
                new Case(EngineError.CodeSpace.WERROR, 1722, 0x800706BAL),
                new Case(EngineError.CodeSpace.TEXT, 0, LastError.DFSR_E_CANNOT_CONNECT));
        for (int k = 0; k < cases.size(); k++) {
            Case c = cases.get(k);
            f.engine.report(Links.inbound(100 + k)).health(new LinkHealth(Links.connection(100 + k),
                    LinkHealth.Condition.CONNECTING, new EngineError(ConnectionFailure.SERVICE_UNREACHABLE, c.space(),
                    c.code(), "unreachable"), 1, 1, SyncResults.UNKNOWN));
            CimInstance i = f.instance(100 + k);
            assertThat(i.value(DfsrSchema.LAST_ERROR_CODE)).as(c.toString()).isEqualTo(CimValue.uint32(c.lastErrorCode()));
            assertThat(i.value(DfsrSchema.LAST_ERROR_MESSAGE_ID)).isEqualTo(CimValue.uint32(5008));
        }
    }

    @Test
    void anOutboundLinkShowsNoError() {
        f.engine.report(Links.outbound(7)).health(new LinkHealth(Links.connection(7), LinkHealth.Condition.CONNECTING,
                EngineError.text(ConnectionFailure.CONNECTION_ERROR, "reset"), 5, 1, SyncResults.UNKNOWN));
        assertThat(f.state(7)).isEqualTo(ConnectionState.IN_ERROR.value());
        assertThat(f.instance(7).value(DfsrSchema.LAST_ERROR_CODE)).isEqualTo(CimValue.uint32(0));
    }
}
