package org.replprov.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.testing.Commands;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureOperations;
import org.replprov.testing.TestDaemon;

/**
 * Debian's {@code sblim-wbemcli} (a real CIM-XML client, C++/libcurl) against the daemon: each verb the issue names,
 * checked by its exit code and output.
 */
class WbemcliTest {

    private static FixtureOperations operations;
    private static TestDaemon daemon;
    private static String base;

    @BeforeAll
    static void start() {
        operations = FixtureOperations.dfsr();
        daemon = TestDaemon.start(operations);
        base = "http://" + TestDaemon.OPERATOR + ":" + TestDaemon.PASSWORD + "@127.0.0.1:" + daemon.port()
                + "/root/MicrosoftDfs";
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    @BeforeEach
    void requireWbemcli() {
        Commands.require("wbemcli", "sblim-wbemcli");
    }

    private static Commands.Result wbemcli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("wbemcli"));
        command.addAll(List.of(args));
        return Commands.run(Duration.ofSeconds(30), command);
    }

    private static String connection(String guid) {
        return base + ":DfsrConnectionInfo.ConnectionGuid=\"" + guid + "\"";
    }

    @Test
    void enumerateInstances() throws Exception {
        Commands.Result r = wbemcli("ei", base + ":DfsrConnectionInfo");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).hasSize(2);
        assertThat(r.stdout()).contains("ConnectionGuid=\"" + DfsrFixture.GUID_1 + "\"", "State=3", "Inbound=TRUE",
                "LastSyncTime=20240115103000.000000+000", "PartnerName=\"FS03\"");
    }

    @Test
    void enumerateInstancesWithPropertyList() throws Exception {
        Commands.Result r = wbemcli("-nl", "ei", base + ":DfsrConnectionInfo", "State,PartnerName");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("-State=3", "-PartnerName=\"FS02\"").doesNotContain("MemberName");
    }

    @Test
    void enumerateInstanceNames() throws Exception {
        Commands.Result r = wbemcli("ein", base + ":DfsrConnectionInfo");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).containsExactly(
                "127.0.0.1:" + daemon.port() + "/root/MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=\""
                        + DfsrFixture.GUID_1 + "\"",
                "127.0.0.1:" + daemon.port() + "/root/MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=\""
                        + DfsrFixture.GUID_2 + "\"");
    }

    @Test
    void getInstance() throws Exception {
        Commands.Result r = wbemcli("gi", connection(DfsrFixture.GUID_2));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("PartnerName=\"FS03\"", "State=1", "Inbound=FALSE");
    }

    @Test
    void getInstanceThatDoesNotExistIsCimError6() throws Exception {
        Commands.Result r = wbemcli("gi", connection("{00000000-0000-0000-0000-000000000000}"));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("(6)", "CIM_ERR_NOT_FOUND");
    }

    @Test
    void getClassProperties() throws Exception {
        Commands.Result r = wbemcli("gc", base + ":DfsrConnectionInfo");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("127.0.0.1:" + daemon.port() + "/root/MicrosoftDfs:DfsrConnectionInfo ")
                .contains("Caption=,", "ConnectionGuid=,", "State=,", "LastErrorMessageId=");
    }

    @Test
    void enumerateClassNames() throws Exception {
        Commands.Result r = wbemcli("ecn", base);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("DfsrConnectionInfo", "CIM_LogicalElement", "CIM_ManagedSystemElement");
    }

    @Test
    void forceReplicationWithUntypedParameters() throws Exception {
        long before = operations.callCount();
        Commands.Result r = wbemcli("cm", connection(DfsrFixture.GUID_1),
                "ForceReplication.Mode=2,DurationInMin=15,Bandwidth=15");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("ForceReplication: 0");
        assertThat(operations.callCount()).isEqualTo(before + 1);
        FixtureOperations.Call call = operations.calls().get(operations.calls().size() - 1);
        assertThat(call.method()).isEqualTo(CimName.of("ForceReplication"));
        assertThat(call.parameters()).extracting(p -> p.value()).containsExactly(CimValue.uint32(2),
                CimValue.uint32(15), CimValue.uint32(15));
    }

    @Test
    void checkConnectivity() throws Exception {
        Commands.Result r = wbemcli("cm", connection(DfsrFixture.GUID_2), "CheckConnectivity");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("CheckConnectivity: 0");
    }

    @Test
    void readerMayNotInvokeMethods() throws Exception {
        String readerBase = "http://" + TestDaemon.READER + ":" + TestDaemon.PASSWORD + "@127.0.0.1:" + daemon.port()
                + "/root/MicrosoftDfs";
        Commands.Result r = wbemcli("cm", readerBase + ":DfsrConnectionInfo.ConnectionGuid=\"" + DfsrFixture.GUID_1
                + "\"", "CheckConnectivity");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("HTTP response code said error");
        assertThat(operations.calls()).noneMatch(c -> c.method().equals(CimName.of("CheckConnectivity"))
                && c.target().toString().contains(DfsrFixture.GUID_1));
    }
}
