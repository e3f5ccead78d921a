package org.replprov.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.testing.Commands;
import org.replprov.testing.DfsrStack;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Links;
import org.replprov.testing.TestDaemon;

/**
 * Debian's {@code sblim-wbemcli} (a real CIM-XML client, C++/libcurl) against the daemon serving the real object
 * manager and DfsrConnectionInfo provider: each verb the issue names, checked by its exit code and output, and for
 * methods by what reached the engine.
 */
class WbemcliTest {

    private static DfsrStack stack;
    private static TestDaemon daemon;
    private static String base;

    @BeforeAll
    static void start() {
        stack = DfsrStack.start();
        daemon = TestDaemon.start(stack.objectManager());
        base = "http://" + TestDaemon.OPERATOR + ":" + TestDaemon.PASSWORD + "@127.0.0.1:" + daemon.port()
                + "/root/MicrosoftDfs";
    }

    @AfterAll
    static void stop() {
        daemon.close();
        stack.close();
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

    private static String connection(int n) {
        return base + ":" + DfsrStack.path(n);
    }

    @Test
    void enumerateInstances() throws Exception {
        Commands.Result r = wbemcli("ei", base + ":DfsrConnectionInfo");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).hasSize(2);
        assertThat(r.stdout()).contains("ConnectionGuid=\"" + DfsrStack.guid(1) + "\"", "State=3", "Inbound=TRUE",
                "LastErrorMessageId=5002", "PartnerName=\"BRANCH2\"", "Status=\"OK\"");
    }

    @Test
    void enumerateInstancesWithPropertyList() throws Exception {
        Commands.Result r = wbemcli("-nl", "ei", base + ":DfsrConnectionInfo", "State,PartnerName");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("-State=3", "-PartnerName=\"BRANCH1\"", "-State=1")
                .doesNotContain("MemberName");
    }

    @Test
    void enumerateInstanceNames() throws Exception {
        Commands.Result r = wbemcli("ein", base + ":DfsrConnectionInfo");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String prefix = "127.0.0.1:" + daemon.port() + "/root/MicrosoftDfs:";
        assertThat(r.stdout().lines()).containsExactlyInAnyOrder(prefix + DfsrStack.path(1),
                prefix + DfsrStack.path(2));
    }

    @Test
    void getInstance() throws Exception {
        Commands.Result r = wbemcli("gi", connection(2));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("PartnerName=\"BRANCH2\"", "State=1", "Inbound=FALSE",
                "LastSyncTime=99990101000000.000000+000");
    }

    @Test
    void getInstanceThatDoesNotExistIsCimError6() throws Exception {
        Commands.Result r = wbemcli("gi", base + ":DfsrConnectionInfo.ConnectionGuid=\""
                + "00000000-0000-0000-0000-000000000000\"");
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
    void forceReplicationWithUntypedParametersReachesTheEngine() throws Exception {
        int before = stack.engine().calls("forceReplication").size();
        Commands.Result r = wbemcli("cm", connection(1), "ForceReplication.Mode=2,DurationInMin=15,Bandwidth=15");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("ForceReplication: 0");
        List<FakeEngine.Call> calls = stack.engine().calls("forceReplication");
        assertThat(calls).hasSize(before + 1);
        assertThat(calls.get(before).args()).containsExactly(Links.connection(1), ReplicationMode.SYNC_NOW,
                BandwidthLevel.INFINITE);
    }

    @Test
    void forceReplicationWithABadModeReturnsItsCode() throws Exception {
        Commands.Result r = wbemcli("cm", connection(1), "ForceReplication.Mode=9,DurationInMin=15,Bandwidth=15");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("ForceReplication: 87");
    }

    @Test
    void checkConnectivity() throws Exception {
        int before = stack.engine().calls("checkConnectivity").size();
        Commands.Result r = wbemcli("cm", connection(1), "CheckConnectivity");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("CheckConnectivity: 0");
        assertThat(stack.engine().calls("checkConnectivity")).hasSize(before + 1);
        Commands.Result outbound = wbemcli("cm", connection(2), "CheckConnectivity");
        assertThat(outbound.stdout()).as("ERROR_NOT_SUPPORTED for an outbound connection")
                .contains("CheckConnectivity: 50");
    }

    @Test
    void readerMayNotInvokeMethods() throws Exception {
        String readerBase = "http://" + TestDaemon.READER + ":" + TestDaemon.PASSWORD + "@127.0.0.1:" + daemon.port()
                + "/root/MicrosoftDfs";
        int before = stack.engine().calls("checkConnectivity").size();
        Commands.Result r = wbemcli("cm", readerBase + ":" + DfsrStack.path(1), "CheckConnectivity");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("HTTP response code said error");
        assertThat(stack.engine().calls("checkConnectivity")).hasSize(before);
    }
}
