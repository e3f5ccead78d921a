package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimValue;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.TestDaemon;

/** The client commands (query, get, invoke, watch, classes) against a running daemon: output and exit codes. */
class ClientCommandsTest {

    private static FixtureProvider operations;
    private static TestDaemon daemon;
    private static Path passwordFile;
    private static final String PATH_1 = "DfsrConnectionInfo.ConnectionGuid=\"" + DfsrFixture.GUID_1 + "\"";

    @BeforeAll
    static void start() throws IOException {
        operations = FixtureProvider.dfsr();
        daemon = TestDaemon.start(operations.objectManager());
        passwordFile = Files.createTempFile("password", ".txt");
        Files.writeString(passwordFile, TestDaemon.PASSWORD + "\n");
    }

    @AfterAll
    static void stop() throws IOException {
        daemon.close();
        Files.deleteIfExists(passwordFile);
    }

    /** Runs a client command as {@code user} against the test daemon. */
    private static Cli.Run as(String user, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("--url", daemon.uri().toString(), "--user", user, "--password-file",
                passwordFile.toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    private static Cli.Run operator(String... args) {
        return as(TestDaemon.OPERATOR, args);
    }

    @Test
    void queryPrintsAsAnOfflineQueryDoes() {
        Cli.Run table = operator("query", "-o", "table", "SELECT PartnerName, State FROM DfsrConnectionInfo");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines()).containsExactly(
                "ConnectionGuid                          PartnerName  State",
                DfsrFixture.GUID_1 + "  FS02         3",
                DfsrFixture.GUID_2 + "  FS03         1",
                "(2 instances)");

        Cli.Run csv = operator("query", "--output", "csv", "SELECT ReplicationGroupName, Inbound FROM "
                + "DfsrConnectionInfo");
        assertThat(csv.out().lines()).containsExactly("ConnectionGuid,ReplicationGroupName,Inbound",
                DfsrFixture.GUID_1 + ",RG-Data,TRUE", DfsrFixture.GUID_2 + ",RG-Data,FALSE");
    }

    @Test
    void queryAsJsonCarriesTheWmiPath() throws IOException {
        Cli.Run json = operator("query", "-o", "json", "SELECT * FROM DfsrConnectionInfo WHERE State = 3");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("__PATH").asText()).isEqualTo("\\\\127.0.0.1\\root\\MicrosoftDfs:"
                + "DfsrConnectionInfo.ConnectionGuid=\"" + DfsrFixture.GUID_1 + "\"");
        assertThat(rows.get(0).get("PartnerName").asText()).isEqualTo("FS02");
        assertThat(rows.get(0).get("State").asInt()).isEqualTo(3);
        assertThat(rows.get(0).get("LastSyncTime").asText()).isEqualTo("20240115103000.000000+000");
    }

    @Test
    void queryErrorsExitWithTheCimErrorCode() {
        Cli.Run r = operator("query", "SELEKT *");
        assertThat(r.exitCode()).isEqualTo(ApiException.CIM_ERROR);
        assertThat(r.err()).startsWith("replprov query: WBEM_E_INVALID_QUERY (0x80041017): ");
    }

    @Test
    void getPrintsPropertiesAndValues() {
        Cli.Run r = operator("get", "root/MicrosoftDfs:" + PATH_1);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).contains("Property                Value", "PartnerName             FS02",
                "LastErrorCode           9033", "Caption");
        Cli.Run missing = operator("get", "DfsrConnectionInfo.ConnectionGuid=\"{none}\"");
        assertThat(missing.exitCode()).isEqualTo(ApiException.CIM_ERROR);
        assertThat(missing.err()).contains("WBEM_E_NOT_FOUND");
    }

    @Test
    void invokeExitsWithTheReturnValue() {
        Cli.Run ok = operator("invoke", PATH_1, "ForceReplication", "Mode=2", "DurationInMin=15", "Bandwidth=15");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out().lines()).containsExactly("Name         Value", "ReturnValue  0");
        FixtureProvider.Call call = operations.calls().get(operations.calls().size() - 1);
        assertThat(call.parameters().values()).containsExactly(CimValue.uint32(2),
                CimValue.uint32(15), CimValue.uint32(15));

        Cli.Run rejected = operator("invoke", "-o", "csv", PATH_1, "ForceReplication", "Mode=9", "DurationInMin=1",
                "Bandwidth=0");
        assertThat(rejected.exitCode()).isEqualTo(87);
        assertThat(rejected.out().lines()).containsExactly("ReturnValue", "87");

        Cli.Run reader = as(TestDaemon.READER, "invoke", PATH_1, "CheckConnectivity");
        assertThat(reader.exitCode()).isEqualTo(ApiException.REFUSED);
        assertThat(reader.err()).contains("WBEM_E_ACCESS_DENIED");

        Cli.Run badParameter = operator("invoke", PATH_1, "ForceReplication", "Mode");
        assertThat(badParameter.exitCode()).isEqualTo(2);
        assertThat(badParameter.err()).contains("not of the form Name=Value");
    }

    @Test
    void watchPrintsEventsAsTheyArrive() throws Exception {
        CompletableFuture<Cli.Run> watching = CompletableFuture.supplyAsync(() -> operator("watch", "--count", "2",
                "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA 'DfsrConnectionInfo'"));
        for (int i = 0; i < 200 && !operations.subscribed(); i++) {
            Thread.sleep(20);
        }
        try {
            operations.put(DfsrFixture.connection1().toBuilder().set("State", CimValue.uint32(1))
                    .set("LastErrorCode", CimValue.uint32(0)).build());
            operations.put(DfsrFixture.connection1());
            Cli.Run r = watching.get(10, TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("__InstanceModificationEvent",
                    "root/MicrosoftDfs:" + PATH_1, "State: 3 -> 1, LastErrorCode: 9033 -> 0");
            assertThat(lines.get(1)).endsWith("State: 1 -> 3, LastErrorCode: 0 -> 9033");
        } finally {
            operations.put(DfsrFixture.connection1());
        }
    }

    @Test
    void watchRejectsADataQuery() {
        Cli.Run r = operator("watch", "SELECT * FROM DfsrConnectionInfo");
        assertThat(r.exitCode()).isEqualTo(ApiException.CIM_ERROR);
        assertThat(r.err()).contains("WBEM_E_NOT_EVENT_CLASS");
    }

    @Test
    void classes() {
        Cli.Run list = operator("classes");
        assertThat(list.out().lines()).containsExactly("Class                     Superclass",
                "CIM_ManagedSystemElement", "CIM_LogicalElement        CIM_ManagedSystemElement",
                "DfsrConnectionInfo        CIM_LogicalElement");
        Cli.Run schema = operator("classes", "DfsrConnectionInfo");
        assertThat(schema.exitCode()).as(schema.err()).isZero();
        assertThat(schema.out()).contains("ConnectionGuid", "string (key)",
                "ForceReplication(uint32 Mode, uint32 DurationInMin, uint32 Bandwidth)");
    }

    @Test
    void authenticationAndReachability() throws IOException {
        Path wrong = Files.createTempFile("wrong", ".txt");
        Files.writeString(wrong, "nope\n");
        try {
            Cli.Run r = Cli.run("classes", "--url", daemon.uri().toString(), "--user", TestDaemon.OPERATOR,
                    "--password-file", wrong.toString());
            assertThat(r.exitCode()).isEqualTo(ApiException.REFUSED);
            assertThat(r.err()).contains("WBEM_E_ACCESS_DENIED", "authentication required");
        } finally {
            Files.delete(wrong);
        }
        Cli.Run noPassword = Cli.run("classes", "--url", daemon.uri().toString(), "--user", "x", "--password-env",
                "REPLPROV_TEST_UNSET");
        assertThat(noPassword.exitCode()).isEqualTo(2);
        assertThat(noPassword.err()).contains("set REPLPROV_TEST_UNSET or use --password-file");
        Cli.Run unreachable = Cli.run("classes", "--url", "http://127.0.0.1:1");
        assertThat(unreachable.exitCode()).isEqualTo(ApiException.UNREACHABLE);
        assertThat(unreachable.err()).contains("is the daemon running?");
    }
}
