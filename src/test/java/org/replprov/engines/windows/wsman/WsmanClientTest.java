package org.replprov.engines.windows.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;

/** The WS-Management client against the protocol test server: paging, WQL, Get, methods, faults, limits, time. */
class WsmanClientTest {

    static final DfsrMember FS01 = new DfsrMember(UUID.fromString("11111111-2222-3333-4444-555555555555"), "FS01");
    static final DfsrMember FS02 = new DfsrMember(UUID.fromString("66666666-7777-8888-9999-aaaaaaaaaaaa"), "FS02");
    static final UUID GROUP = UUID.fromString("bbbbbbbb-cccc-dddd-eeee-ffffffffffff");
    static final UUID FOLDER = UUID.fromString("0f0f0f0f-1111-2222-3333-444444444444");

    @TempDir
    Path dir;
    WsmanServer server;

    @BeforeEach
    void start() throws Exception {
        server = WsmanServer.start(dir, "user", "s3cret");
        List<CimInstance> connections = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            connections.add(FS01.connection(new UUID(0x1000, i), FS02, GROUP, "RG-Data", true, i % 4,
                    i % 4 == 3 ? 9033 : 0, i % 4 == 3 ? 5002 : 0));
        }
        server.serve("DfsrConnectionInfo", connections)
                .serve("DfsrReplicatedFolderInfo", List.of(FS01.folder(FOLDER, "Data", GROUP, "RG-Data", 4)))
                .serve("DfsrInfo", List.of(FS01.info(1)))
                .method("DfsrConnectionInfo", "ForceReplication", (inst, in) -> Map.of("ReturnValue", "0"))
                .method("DfsrReplicatedFolderInfo", "GetVersionVector",
                        (inst, in) -> Map.of("ReturnValue", "0", "VersionVector", "vv<&>1"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WsmanClient client(String password, Duration timeout) throws Exception {
        return new WsmanClient(WsmanSettings.of(server.endpoint(), "user", password,
                WsmanClient.trusting(server.certificate()), timeout));
    }

    private WsmanClient client() throws Exception {
        return client("s3cret", Duration.ofSeconds(5));
    }

    @Test
    void enumeratesEveryPageAndTypesTheValuesFromTheClass() throws Exception {
        WsmanClient c = new WsmanClient(client().settings().withPageSize(2));
        List<CimInstance> all = c.enumerate(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "SELECT * FROM DfsrConnectionInfo");
        assertThat(all).hasSize(5);
        // two in the EnumerateResponse (OptimizeEnumeration), then two Pulls of two and one
        assertThat(server.actions()).containsExactly(WsmanClient.ENUMERATE, WsmanClient.PULL, WsmanClient.PULL);
        assertThat(server.openContexts()).isZero();
        CimInstance first = all.get(0);
        assertThat(first.value("ConnectionGuid")).isEqualTo(CimValue.string("00000000-0000-1000-0000-000000000000"));
        assertThat(first.value("Inbound")).isEqualTo(CimValue.bool(true));
        assertThat(all.get(3).value("State")).isEqualTo(CimValue.uint32(3));
        assertThat(all.get(3).value("LastErrorCode")).isEqualTo(CimValue.uint32(9033));
        assertThat(first.value("LastSyncTime")).isEqualTo(CimTimestamp.parse("20240115103000.000000+000"));
        assertThat(first.value("NextSyncTime")).isEqualTo(CimTimestamp.DFSR_NEVER);
        assertThat(first.value("Caption")).as("xsi:nil is NULL").isNull();
    }

    @Test
    void theWqlFilterSelectsOnTheServer() throws Exception {
        List<CimInstance> inError = client().enumerate(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "SELECT * FROM DfsrConnectionInfo WHERE State = 3");
        assertThat(inError).singleElement().satisfies(i -> assertThat(i.value("State")).isEqualTo(CimValue.uint32(3)));
    }

    @Test
    void aBadQueryIsCannotProcessFilterWithTheWmiCode() throws Exception {
        assertThatThrownBy(() -> client().enumerate(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "SELECT FROM WHERE"))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WsmanException.Kind.FAULT);
                    assertThat(e.subcode()).hasValue("CannotProcessFilter");
                    assertThat(e.code()).hasValue(0x80041017L);
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_QUERY);
                    assertThat(e.httpStatus()).hasValue(500);
                });
    }

    @Test
    void getsByKeyAndTheSingleton() throws Exception {
        CimInstance folder = client().get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrReplicatedFolderInfo"),
                Map.of("ReplicatedFolderGuid", DfsrMember.text(FOLDER)));
        assertThat(folder.value("State")).isEqualTo(CimValue.uint8(4));
        CimInstance info = client().get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of());
        assertThat(info.value("ServiceStartTime")).isEqualTo(CimTimestamp.parse("20240101080000.000000+000"));
    }

    @Test
    void anInvalidSelectorAndAMissingInstanceAreTypedFaults() throws Exception {
        assertThatThrownBy(() -> client().get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrReplicatedFolderInfo"),
                Map.of("Nonsense", "1")))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.subcode()).hasValue("InvalidSelectors");
                    assertThat(e.status()).as("0x80338001 is WinRM's, not WMI's: the subcode decides")
                            .isEqualTo(WbemStatus.WBEM_E_INVALID_OBJECT_PATH);
                });
        assertThatThrownBy(() -> client().get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrReplicatedFolderInfo"),
                Map.of("ReplicatedFolderGuid", DfsrMember.text(UUID.randomUUID()))))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.subcode()).hasValue("DestinationUnreachable");
                    assertThat(e.code()).hasValue(0x80041002L);
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_NOT_FOUND);
                });
    }

    @Test
    void invokesAMethodWithItsInputsInDeclaredOrderAndTypesTheOutputs() throws Exception {
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("Bandwidth", CimValue.uint32(15));
        in.put("Mode", CimValue.uint32(2));
        in.put("DurationInMin", CimValue.uint32(15));
        MethodResult r = client().invoke(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "ForceReplication", Map.of("ConnectionGuid", "00000000-0000-1000-0000-000000000001"), in);
        assertThat(r.returnValue()).isEqualTo(CimValue.uint32(0));
        assertThat(server.actions()).last().isEqualTo(WsmanServer.PREFIX + "DfsrConnectionInfo/ForceReplication");
        assertThat(server.invocations()).singleElement().satisfies(i -> {
            assertThat(i.selectors()).containsEntry("ConnectionGuid", "00000000-0000-1000-0000-000000000001");
            assertThat(i.inputs()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("Mode", "2", "DurationInMin", "15", "Bandwidth", "15"));
        });
        MethodResult vv = client().invoke(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrReplicatedFolderInfo"),
                "GetVersionVector", Map.of("ReplicatedFolderGuid", DfsrMember.text(FOLDER)), Map.of());
        assertThat(vv.output("VersionVector")).hasValue(CimValue.string("vv<&>1"));
        assertThat(vv.returnCode()).hasValue(0L);
    }

    @Test
    void anUnknownMethodOnTheServerIsActionNotSupported() throws Exception {
        assertThatThrownBy(() -> client().invoke(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "CheckConnectivity", Map.of("ConnectionGuid", "00000000-0000-1000-0000-000000000001"), Map.of()))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.subcode()).hasValue("ActionNotSupported");
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_METHOD);
                });
    }

    @Test
    void accessDeniedIsAFaultWithTheWindowsCode() throws Exception {
        server.deny(true);
        assertThatThrownBy(() -> client().get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of()))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.subcode()).hasValue("AccessDenied");
                    assertThat(e.code()).hasValue(0x80070005L);
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_ACCESS_DENIED);
                });
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatNamesNoSecret() throws Exception {
        assertThatThrownBy(() -> client("wrong", Duration.ofSeconds(5)).get(WsmanServer.NAMESPACE,
                WsmanServer.cls("DfsrInfo"), Map.of()))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WsmanException.Kind.AUTHENTICATION);
                    assertThat(e.httpStatus()).hasValue(401);
                    assertThat(e.getMessage()).contains("Basic").doesNotContain("wrong");
                });
        assertThat(client().settings().toString()).doesNotContain("s3cret");
    }

    @Test
    void aServerThatHangsIsATimeoutWithinTheCallTimeout() throws Exception {
        server.delay(Duration.ofSeconds(10));
        WsmanClient c = client("s3cret", Duration.ofMillis(500));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> c.get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of()))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WsmanException.Kind.TIMEOUT);
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TIMED_OUT);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void theServiceTimingOutIsTheTimedOutFault() throws Exception {
        server.timeOut(true);
        assertThatThrownBy(() -> client().get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of()))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.subcode()).hasValue("TimedOut");
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TIMED_OUT);
                });
    }

    @Test
    void anAnswerBeyondTheSizeLimitIsRefused() throws Exception {
        WsmanClient small = new WsmanClient(client().settings().withLimits(2048, 100));
        assertThatThrownBy(() -> small.enumerate(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "SELECT * FROM DfsrConnectionInfo"))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WsmanException.Kind.MALFORMED);
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_QUOTA_VIOLATION);
                    assertThat(e.getMessage()).contains("larger than 2048 bytes");
                });
    }

    @Test
    void tooManyItemsReleaseTheEnumeration() throws Exception {
        WsmanClient few = new WsmanClient(client().settings().withPageSize(2).withLimits(1 << 20, 3));
        assertThatThrownBy(() -> few.enumerate(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "SELECT * FROM DfsrConnectionInfo"))
                .isInstanceOfSatisfying(WsmanException.class, e -> assertThat(e.getMessage())
                        .contains("more than 3 instances"));
        assertThat(server.actions()).containsExactly(WsmanClient.ENUMERATE, WsmanClient.PULL, WsmanClient.RELEASE);
        assertThat(server.openContexts()).isZero();
    }

    @Test
    void anUntrustedCertificateIsATransportFailure() throws Exception {
        WsmanClient c = new WsmanClient(WsmanSettings.of(server.endpoint(), "user", "s3cret", SSLContext.getDefault(),
                Duration.ofSeconds(5)));
        assertThatThrownBy(() -> c.get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of()))
                .isInstanceOfSatisfying(WsmanException.class,
                        e -> assertThat(e.kind()).isEqualTo(WsmanException.Kind.TRANSPORT));
        assertThat(server.actions()).as("nothing was sent before the certificate check").isEmpty();
    }

    @Test
    void basicAuthenticationIsRefusedOverPlainHttp() throws Exception {
        assertThatThrownBy(() -> WsmanSettings.of(java.net.URI.create("http://fs01:5985/wsman"), "u", "p",
                SSLContext.getDefault(), Duration.ofSeconds(1)).withAuth(WsmanAuth.BASIC))
                .hasMessageContaining("must be https");
        assertThat(WsmanSettings.of(java.net.URI.create("http://fs01:5985/wsman"), "u", "p",
                SSLContext.getDefault(), Duration.ofSeconds(1)).auth()).as("http means NTLM").isEqualTo(WsmanAuth.NTLM);
    }
}
