package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.TestDaemon;

/** The JSON API of docs/api.md: each endpoint's success shape and its errors. */
class JsonApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FixtureProvider operations;
    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        operations = FixtureProvider.dfsr();
        daemon = TestDaemon.start(operations.objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    record Reply(int status, JsonNode body) {
    }

    private static Reply get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(daemon.uri().resolve(pathAndQuery)).GET(), TestDaemon.OPERATOR);
    }

    private static Reply invoke(String user, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(daemon.uri().resolve("/api/v1/invoke"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), user);
    }

    private static Reply send(HttpRequest.Builder b, String user) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(b.header("Authorization", TestDaemon.basic(user, TestDaemon.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void query() throws Exception {
        Reply r = get("/api/v1/query?q=" + q("SELECT * FROM DfsrConnectionInfo WHERE State = 3"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("namespace").asText()).isEqualTo("root/MicrosoftDfs");
        JsonNode i = r.body().get("instances").get(0);
        assertThat(i.get("className").asText()).isEqualTo("DfsrConnectionInfo");
        assertThat(i.get("path").asText()).isEqualTo("root/MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=\""
                + DfsrFixture.GUID_1 + "\"");
        JsonNode p = i.get("properties");
        assertThat(p.get("State").isIntegralNumber()).isTrue();
        assertThat(p.get("State").asInt()).isEqualTo(3);
        assertThat(p.get("Inbound").isBoolean()).isTrue();
        assertThat(p.get("LastSyncTime").asText()).isEqualTo("20240115103000.000000+000");
        assertThat(p.get("Caption").isNull()).isTrue();
        assertThat(r.body().get("instances")).hasSize(1);
    }

    @Test
    void enumerateWithAPropertyList() throws Exception {
        Reply r = get("/api/v1/instances?class=DfsrConnectionInfo&properties=State,partnername");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("instances")).hasSize(2);
        JsonNode p = r.body().get("instances").get(1).get("properties");
        assertThat(p.fieldNames()).toIterable().containsExactly("PartnerName", "State");
    }

    @Test
    void getByPath() throws Exception {
        Reply r = get("/api/v1/instance?path=" + q("root/MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=\""
                + DfsrFixture.GUID_2 + "\""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("properties").get("PartnerName").asText()).isEqualTo("FS03");
    }

    @Test
    void invokeWithNumbersOrText() throws Exception {
        Reply r = invoke(TestDaemon.OPERATOR, "{\"path\": \"DfsrConnectionInfo.ConnectionGuid=\\\"" + DfsrFixture.GUID_1
                + "\\\"\", \"method\": \"forcereplication\", \"parameters\": {\"Mode\": 2, \"DurationInMin\": \"15\","
                + " \"Bandwidth\": 15}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("returnValue").asInt()).isZero();
        assertThat(r.body().get("outParameters").size()).isZero();
        FixtureProvider.Call call = operations.calls().get(operations.calls().size() - 1);
        assertThat(call.method()).hasToString("ForceReplication");
        assertThat(call.parameters().values()).containsExactly(CimValue.uint32(2),
                CimValue.uint32(15), CimValue.uint32(15));
        assertThat(invoke(TestDaemon.OPERATOR, "{\"path\": \"DfsrConnectionInfo.ConnectionGuid=\\\""
                + DfsrFixture.GUID_1 + "\\\"\", \"method\": \"ForceReplication\", \"parameters\": {\"Mode\": 5, "
                + "\"DurationInMin\": 1, \"Bandwidth\": 0}}")
                .body().get("returnValue").asInt()).isEqualTo(87);
    }

    @Test
    void whoamiNamesTheUserAndTheRolesInEffect() throws Exception {
        Reply operator = get("/api/v1/whoami");
        assertThat(operator.status()).isEqualTo(200);
        assertThat(operator.body().get("user").asText()).isEqualTo(TestDaemon.OPERATOR);
        assertThat(operator.body().get("roles")).extracting(JsonNode::asText).containsExactly("reader", "operator");
        Reply reader = send(HttpRequest.newBuilder(daemon.uri().resolve("/api/v1/whoami")).GET(), TestDaemon.READER);
        assertThat(reader.body().get("user").asText()).isEqualTo(TestDaemon.READER);
        assertThat(reader.body().get("roles")).extracting(JsonNode::asText).containsExactly("reader");
        Reply post = send(HttpRequest.newBuilder(daemon.uri().resolve("/api/v1/whoami"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")),
                TestDaemon.READER);
        assertThat(post.status()).isEqualTo(405);
    }

    @Test
    void readersMayNotInvoke() throws Exception {
        long calls = operations.callCount();
        Reply r = invoke(TestDaemon.READER, "{\"path\": \"DfsrConnectionInfo.ConnectionGuid=\\\"" + DfsrFixture.GUID_1
                + "\\\"\", \"method\": \"CheckConnectivity\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().get("error").get("name").asText()).isEqualTo("WBEM_E_ACCESS_DENIED");
        assertThat(operations.callCount()).isEqualTo(calls);
    }

    @Test
    void classes() throws Exception {
        Reply list = get("/api/v1/classes");
        assertThat(list.body().get("classes")).extracting(c -> c.get("name").asText())
                .containsExactly("CIM_ManagedSystemElement", "CIM_LogicalElement", "DfsrConnectionInfo");
        Reply schema = get("/api/v1/classes/DfsrConnectionInfo");
        assertThat(schema.status()).isEqualTo(200);
        JsonNode c = schema.body();
        assertThat(c.get("superClass").asText()).isEqualTo("CIM_LogicalElement");
        JsonNode key = c.get("properties").get(5);
        assertThat(key.get("name").asText()).isEqualTo("ConnectionGuid");
        assertThat(key.get("key").asBoolean()).isTrue();
        assertThat(key.get("classOrigin").asText()).isEqualTo("DfsrConnectionInfo");
        JsonNode force = c.get("methods").get(3);
        assertThat(force.get("name").asText()).isEqualTo("ForceReplication");
        assertThat(force.get("parameters")).extracting(p -> p.get("name").asText() + ":" + p.get("type").asText())
                .containsExactly("Mode:uint32", "DurationInMin:uint32", "Bandwidth:uint32");
    }

    @Test
    void errorsNameTheWbemStatus() throws Exception {
        Reply notFound = get("/api/v1/instance?path=" + q("DfsrConnectionInfo.ConnectionGuid=\"{none}\""));
        assertThat(notFound.status()).isEqualTo(404);
        JsonNode e = notFound.body().get("error");
        assertThat(e.get("name").asText()).isEqualTo("WBEM_E_NOT_FOUND");
        assertThat(e.get("code").asText()).isEqualTo("0x80041002");
        assertThat(e.get("number").asLong()).isEqualTo(-2147217406L);
        assertThat(e.get("cimStatus").asText()).isEqualTo("CIM_ERR_NOT_FOUND");
        assertThat(e.get("cimStatusCode").asInt()).isEqualTo(6);
        assertThat(e.get("description").asText()).contains("{none}");

        Reply badQuery = get("/api/v1/query?q=" + q("SELEKT"));
        assertThat(badQuery.status()).isEqualTo(400);
        assertThat(badQuery.body().get("error").get("name").asText()).isEqualTo("WBEM_E_INVALID_QUERY");

        Reply missing = get("/api/v1/query");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("error").get("description").asText()).contains("'q' is required");

        Reply unknownClass = get("/api/v1/instances?class=Win32_Service");
        assertThat(unknownClass.status()).isEqualTo(404);
        assertThat(unknownClass.body().get("error").get("name").asText()).isEqualTo("WBEM_E_INVALID_CLASS");

        Reply noMethod = invoke(TestDaemon.OPERATOR, "{\"path\": \"DfsrConnectionInfo.ConnectionGuid=\\\""
                + DfsrFixture.GUID_1 + "\\\"\", \"method\": \"Reboot\"}");
        assertThat(noMethod.status()).isEqualTo(400);
        assertThat(noMethod.body().get("error").get("name").asText()).isEqualTo("WBEM_E_INVALID_METHOD");

        Reply notJson = invoke(TestDaemon.OPERATOR, "{path:");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("error").get("name").asText()).isEqualTo("WBEM_E_INVALID_PARAMETER");

        Reply noEndpoint = get("/api/v1/nothing");
        assertThat(noEndpoint.status()).isEqualTo(404);
        Reply wrongMethod = get("/api/v1/invoke");
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    @Test
    void largeResultsStream() throws Exception {
        for (int i = 0; i < 2000; i++) {
            operations.put(DfsrFixture.connection(String.format("{%08d-1111-1111-1111-111111111111}", i),
                    "{00000000-0000-0000-0000-000000000000}", "P" + i, false, 1, "20240115103000.000000+000", 1,
                    "20240115103000.000000+000", "20240115103000.000000+000", 0, 0));
        }
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(daemon.uri().resolve(
                            "/api/v1/instances?class=DfsrConnectionInfo"))
                    .header("Authorization", TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Content-Length")).isEmpty();
            assertThat(JSON.readTree(r.body()).get("instances")).hasSize(2002);
        } finally {
            for (int i = 0; i < 2000; i++) {
                operations.remove(CimObjectPath.parse(String.format(
                        "DfsrConnectionInfo.ConnectionGuid=\"{%08d-1111-1111-1111-111111111111}\"", i)));
            }
        }
    }
}
