package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ScopeState;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Links;
import org.replprov.wql.ResultRow;

/**
 * DfsrReplicatedFolderInfo through the object manager, from a test engine's facts only: every row of the derivation
 * table of docs/dfsr-provider.md §10.1, the folder's identity from its links or from the state's member, sizes, the
 * backlog metric's samples, and the methods of an engine that computes no backlog (50).
 */
class FolderStateTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private static final UUID FOLDER = UUID.fromString("0e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44");
    private static final Scope DOCS = Scope.folder(FOLDER, "docs");

    private final FakeEngine engine = new FakeEngine(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    private final EngineHost host = EngineHost.builder().engine("fake", engine).timeout(Duration.ofSeconds(5)).build();
    private final DfsrReplicatedFolderInfoProvider provider;
    private final ObjectManager om;

    FolderStateTest() {
        ClassRepository schema = MofCompiler.loadShippedSchema();
        provider = new DfsrReplicatedFolderInfoProvider(host, schema);
        host.subscribe(provider);
        host.start();
        om = ObjectManager.builder(schema)
                .register(DfsrSchema.NAMESPACE, DfsrReplicatedFolderInfoProvider.CLASS, provider).build();
    }

    @AfterEach
    void close() {
        om.close();
        host.close();
    }

    private List<CimInstance> query(String wql) {
        return om.execQuery(DfsrSchema.NAMESPACE, wql).stream().map(ResultRow::instance).toList();
    }

    private CimInstance folder() {
        List<CimInstance> all = query("SELECT * FROM DfsrReplicatedFolderInfo");
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static ScopeState state(ScopeState.State s, EngineError e) {
        return new ScopeState(Links.GROUP, DOCS, s, e, NOW, new ScopeState.Local(Links.MEMBER, Links.MEMBER_NAME,
                Links.GROUP_NAME), new ScopeState.Sizes(0, 5 * 1024 * 1024 + 1, null));
    }

    private static CimValue u(long v) {
        return CimValue.uint32(v);
    }

    @Test
    void theDocumentedTableIsTheOneTested() throws Exception {
        assertThat(Files.readString(Path.of("docs/dfsr-provider.md"))).contains(
                "| the engine failed since it last reported the folder's state | 5 In Error | 0x80070426 | NULL |",
                "| a `ScopeState` without an error | the reported state | 0 | 0 |",
                "| a `ScopeState` with an error | the reported state | the error's code as an HRESULT | NULL |",
                "| no `ScopeState`, only links that carry the folder | NULL | NULL | NULL |");
    }

    @Test
    void onlyLinksCarryTheFolderSoItsStateIsUnknown() {
        engine.report(Links.withScopes(Links.inbound(1), DOCS));
        CimInstance f = folder();
        assertThat(f.value(CimName.of("ReplicatedFolderGuid"))).isEqualTo(CimValue.string(Guids.format(FOLDER)));
        assertThat(f.value(CimName.of("ReplicatedFolderName"))).isEqualTo(CimValue.string("docs"));
        assertThat(f.value(CimName.of("MemberName"))).isEqualTo(CimValue.string(Links.MEMBER_NAME));
        assertThat(f.value(CimName.of("ReplicationGroupName"))).isEqualTo(CimValue.string(Links.GROUP_NAME));
        assertThat(f.value(CimName.of("State"))).isNull();
        assertThat(f.value(CimName.of("LastErrorCode"))).isNull();
        assertThat(f.value(CimName.of("LastErrorMessageId"))).isNull();
        assertThat(f.value(CimName.of("CurrentStageSizeInMb"))).isNull();

        engine.fact(new LinkRemoved(Links.connection(1)));
        assertThat(query("SELECT * FROM DfsrReplicatedFolderInfo")).as("gone with its last link").isEmpty();
    }

    @Test
    void everyReportedStateWithoutAnErrorShowsAsItIs() {
        for (ScopeState.State s : ScopeState.State.values()) {
            engine.fact(state(s, null));
            CimInstance f = folder();
            assertThat(f.value(CimName.of("State"))).as(s.toString()).isEqualTo(CimValue.uint8(s.ordinal()));
            assertThat(f.value(CimName.of("LastErrorCode"))).isEqualTo(u(0));
            assertThat(f.value(CimName.of("LastErrorMessageId"))).isEqualTo(u(0));
        }
        assertThat(ScopeState.State.NORMAL.ordinal()).as("MS-DFSRH numbers Normal 4").isEqualTo(4);
        CimInstance f = folder();
        assertThat(f.value(CimName.of("CurrentStageSizeInMb"))).isEqualTo(u(0));
        assertThat(f.value(CimName.of("CurrentConflictSizeInMb"))).as("5 MiB and a byte, rounded up").isEqualTo(u(6));
        assertThat(f.value(CimName.of("MemberGuid"))).isEqualTo(CimValue.string(Guids.format(Links.MEMBER)));
        assertThat(query("SELECT ReplicatedFolderName FROM DfsrReplicatedFolderInfo WHERE ReplicationGroupGUID = '"
                + Guids.format(Links.GROUP).toLowerCase() + "' AND ReplicatedFolderName = 'docs'"))
                .as("the PRTG sensor's query, GUID in lower case").hasSize(1);
    }

    @Test
    void anErrorsCodeBecomesAnHresultWithoutAMessageId() {
        record Case(EngineError error, long code) {
        }
        for (Case c : List.of(new Case(new EngineError(ConnectionFailure.CONNECTION_ERROR, EngineError.CodeSpace.WIN32,
                        112, "disk full"), 0x80070070L),
                new Case(new EngineError(ConnectionFailure.CONNECTION_ERROR, EngineError.CodeSpace.HRESULT,
                        0x80070005L, "denied"), 0x80070005L),
                new Case(EngineError.text(ConnectionFailure.CONNECTION_ERROR, "cannot write"), 0x80004005L))) {
            engine.fact(state(ScopeState.State.IN_ERROR, c.error()));
            CimInstance f = folder();
            assertThat(f.value(CimName.of("State"))).isEqualTo(CimValue.uint8(5));
            assertThat(f.value(CimName.of("LastErrorCode"))).as(c.toString()).isEqualTo(u(c.code()));
            assertThat(f.value(CimName.of("LastErrorMessageId"))).isNull();
        }
    }

    @Test
    void anEngineFailurePutsItsFoldersInErrorUntilItReportsAgain() {
        engine.fact(state(ScopeState.State.NORMAL, null));
        provider.engineFailed("fake", "timed out");
        CimInstance f = folder();
        assertThat(f.value(CimName.of("State"))).isEqualTo(CimValue.uint8(5));
        assertThat(f.value(CimName.of("LastErrorCode"))).isEqualTo(u(0x80070426L));
        assertThat(f.value(CimName.of("LastErrorMessageId"))).isNull();
        engine.fact(state(ScopeState.State.NORMAL, null));
        assertThat(folder().value(CimName.of("State"))).isEqualTo(CimValue.uint8(4));
    }

    @Test
    void anotherEnginesReportOfTheSameFolderIsIgnoredAndNamingContextsAreNoFolders() {
        engine.fact(state(ScopeState.State.NORMAL, null));
        provider.observed("other", state(ScopeState.State.IN_ERROR, null));
        provider.observed("fake", new ScopeState(Links.GROUP, new Scope(UUID.randomUUID(), "DC=example,DC=com",
                Scope.Kind.NAMING_CONTEXT), ScopeState.State.NORMAL, null, NOW));
        assertThat(folder().value(CimName.of("State"))).isEqualTo(CimValue.uint8(4));
    }

    @Test
    void backlogFactsBecomeLabelledSamples() {
        engine.report(Links.withScopes(Links.inbound(1), DOCS));
        engine.fact(new Backlog(Links.connection(1), FOLDER, 7, -1, NOW));
        assertThat(provider.backlogSamples()).containsExactly(new DfsrReplicatedFolderInfoProvider.BacklogSample(
                Links.GROUP_NAME, "docs", Links.MEMBER_NAME, Links.inbound(1).partnerName(), "inbound", 7));
    }

    @Test
    void aFolderALinkNoLongerCarriesLosesTheLinkAndItsBacklog() {
        Scope other = Scope.folder(UUID.fromString("1e5b8ad4-2b44-4a6c-9a0f-5e5b8ad42b44"), "docs");
        engine.report(Links.withScopes(Links.inbound(1), DOCS));
        engine.fact(new Backlog(Links.connection(1), FOLDER, 7, -1, NOW));
        engine.report(Links.withScopes(Links.inbound(1), other));
        engine.fact(new Backlog(Links.connection(1), other.guid(), 2, -1, NOW));
        assertThat(folder().value(CimName.of("ReplicatedFolderGuid")))
                .as("the folder only the link carried went with it")
                .isEqualTo(CimValue.string(Guids.format(other.guid())));
        assertThat(provider.backlogSamples()).extracting(DfsrReplicatedFolderInfoProvider.BacklogSample::files)
                .containsExactly(2L);
    }

    @Test
    void cleanupConflictDirectoryGoesToTheFoldersEngine() {
        engine.fact(state(ScopeState.State.NORMAL, null));
        CimObjectPath path = CimObjectPath.parse("DfsrReplicatedFolderInfo.ReplicatedFolderGuid=\""
                + Guids.format(FOLDER) + "\"");
        assertThat(om.invokeMethod(DfsrSchema.NAMESPACE, path, CimName.of("CleanupConflictDirectory"), Map.of())
                .returnValue()).isEqualTo(u(0));
        assertThat(engine.calls("cleanupConflictDirectory")).singleElement()
                .satisfies(c -> assertThat(c.args()).containsExactly(FOLDER));
    }

    @Test
    void anEngineThatComputesNoBacklogAnswers50() {
        engine.fact(state(ScopeState.State.NORMAL, null));
        CimObjectPath path = CimObjectPath.parse("DfsrReplicatedFolderInfo.ReplicatedFolderGuid=\""
                + Guids.format(FOLDER) + "\"");
        assertThat(om.invokeMethod(DfsrSchema.NAMESPACE, path, CimName.of("GetVersionVector"), Map.of())
                .returnValue()).isEqualTo(u(50));
        assertThat(om.invokeMethod(DfsrSchema.NAMESPACE, path, CimName.of("GetOutboundBacklogFileCount"),
                Map.of(CimName.of("VersionVector"), CimValue.string("RPVV1:x"))).returnValue()).isEqualTo(u(50));
        assertThat(om.invokeMethod(DfsrSchema.NAMESPACE, path, CimName.of("GetOutboundBacklogFileIdRecords"),
                Map.of(CimName.of("VersionVector"), CimValue.string("RPVV1:x"))).returnValue()).isEqualTo(u(50));
        assertThat(om.invokeMethod(DfsrSchema.NAMESPACE, path, CimName.of("GetOutboundBacklogFileCount"),
                Map.of(CimName.of("VersionVector"), CimValue.string(""))).returnValue())
                .as("an empty vector is refused before the engine is asked").isEqualTo(u(87));
    }
}
