package org.replprov.protocol.cimxml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.BacklogSource;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ScopeState;
import org.replprov.engine.spi.Uid;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.dfsr.DfsrReplicatedFolderInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.repository.ClassRepository;
import org.replprov.testing.Links;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * GetOutboundBacklogFileIdRecords on the wire: an array of embedded DfsrIdRecordInfo instances as a method's output
 * parameter, from the real provider and object manager over an engine that answers fixed backlog records (the seam).
 * CIM-XML as a vector ({@code vectors/cimxml-backlog}, compared byte for byte like {@link CimXmlVectorsTest}'s), and
 * the JSON API's nested instance objects.
 */
class BacklogRecordsWireTest {

    private static final Path ROOT = Path.of("src/test/resources/vectors/cimxml-backlog");
    private static final UUID FOLDER = UUID.fromString("1d69bb80-c1dc-4d87-8259-bbd9639c2a7f");
    private static final UUID DATABASE = UUID.fromString("dce7fc28-5584-4d5d-bc84-2bd9d53cc2fc");
    private static final Instant CHANGED = Instant.parse("2026-01-15T10:30:00Z");

    /** Hosts one folder and answers two backlog records for the vector "RPVV1:lacks-two". */
    static final class BacklogEngine implements ReplicationEngine, BacklogSource {
        final List<Integer> limits = new ArrayList<>();

        @Override
        public void start(Observer observer) {
            observer.observe(new ScopeState(Links.GROUP, Scope.folder(FOLDER, "docs"), ScopeState.State.NORMAL,
                    null, CHANGED, new ScopeState.Local(Links.MEMBER, Links.MEMBER_NAME, Links.GROUP_NAME), null));
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public String versionVector(UUID replicatedFolderGuid) {
            return "RPVV1:lacks-two";
        }

        @Override
        public long outboundBacklog(UUID replicatedFolderGuid, String versionVector) {
            return 2;
        }

        @Override
        public IdRecordSource.Page outboundBacklogRecords(UUID replicatedFolderGuid, String versionVector, int limit)
                throws EngineException {
            limits.add(limit);
            if (!versionVector.equals("RPVV1:lacks-two")) {
                throw EngineException.refused(87, "not a vector of this engine");
            }
            return new IdRecordSource.Page(List.of(
                    new IdRecordSource.Record(FOLDER, new Uid(DATABASE, 538), "reports", "/srv/docs/reports", null,
                            true, true, CHANGED, null),
                    new IdRecordSource.Record(FOLDER, new Uid(DATABASE, 539), "a & b <c>.txt",
                            "/srv/docs/reports/a & b <c>.txt", new Uid(DATABASE, 538), false, true, CHANGED,
                            "a9993e364706816aba3e25717850c26c9cd0d89d")), false);
        }

        @Override
        public void close() {
        }
    }

    private static final BacklogEngine ENGINE = new BacklogEngine();
    private static EngineHost host;
    private static ObjectManager om;
    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        ClassRepository schema = MofCompiler.loadShippedSchema();
        host = EngineHost.builder().engine("fake", ENGINE).timeout(Duration.ofSeconds(5)).build();
        DfsrReplicatedFolderInfoProvider provider = new DfsrReplicatedFolderInfoProvider(host, schema);
        host.subscribe(provider);
        host.start();
        om = ObjectManager.builder(schema)
                .register(DfsrSchema.NAMESPACE, DfsrReplicatedFolderInfoProvider.CLASS, provider).build();
        daemon = TestDaemon.start(om);
    }

    @AfterAll
    static void stop() {
        daemon.close();
        om.close();
        host.close();
    }

    private static void vector(String name) throws IOException {
        RawHttp.Response actual = CimXmlVectorsTest.send(daemon.port(),
                Files.readString(ROOT.resolve(name + ".request.txt"), StandardCharsets.UTF_8));
        CimXmlVectorsTest.check(ROOT.resolve(name + ".response.txt"), actual, UnaryOperator.identity());
    }

    @Test
    void cimXmlCarriesTheRecordsAsAValueArrayOfEscapedInstances() throws IOException {
        vector("GetOutboundBacklogFileIdRecords");
        assertThat(ENGINE.limits).as("the provider asks for the documented cap").contains(
                BacklogSource.MAX_BACKLOG_ID_RECORDS);
    }

    @Test
    void aVectorTheEngineRefusesIs87WithNoOutputParameters() throws IOException {
        vector("GetOutboundBacklogFileIdRecords-refused");
    }

    @Test
    void jsonCarriesTheRecordsAsNestedInstanceObjects() throws Exception {
        String body = "{\"path\": \"DfsrReplicatedFolderInfo.ReplicatedFolderGuid=\\\"{1D69BB80-C1DC-4D87-8259-"
                + "BBD9639C2A7F}\\\"\", \"method\": \"GetOutboundBacklogFileIdRecords\", \"parameters\": "
                + "{\"VersionVector\": \"RPVV1:lacks-two\"}}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        daemon.uri().resolve("/api/v1/invoke"))
                .header("Authorization", TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = new ObjectMapper().readTree(r.body());
        assertThat(answer.get("returnValue").asLong()).isZero();
        assertThat(answer.at("/outParameters/IdRecordIndex").asLong()).isEqualTo(2);
        JsonNode records = answer.at("/outParameters/BacklogIdRecords");
        assertThat(records.isArray()).as(records.toString()).isTrue();
        assertThat(records).hasSize(2);
        JsonNode file = records.get(1);
        assertThat(file.get("className").asText()).isEqualTo("DfsrIdRecordInfo");
        assertThat(file.at("/properties/Uid").asText()).isEqualTo("{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v539");
        assertThat(file.at("/properties/FileName").asText()).isEqualTo("a & b <c>.txt");
        assertThat(file.at("/properties/ParentUid").asText()).isEqualTo("{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v538");
        assertThat(file.at("/properties/Flags").asInt()).as("PRESENT_FLAG").isEqualTo(1);
        assertThat(file.at("/properties/ReplicatedFolderGuid").asText())
                .isEqualTo("1D69BB80-C1DC-4D87-8259-BBD9639C2A7F");
        assertThat(records.get(0).at("/properties/Attributes").asLong()).as("FILE_ATTRIBUTE_DIRECTORY")
                .isEqualTo(0x10);
        assertThat(records.get(0).at("/properties/ParentUid").isNull()).isTrue();
    }
}
