package org.replprov.engines.windows.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;

/**
 * Our client with NTLM and message encryption against the test server's WinRM-like HTTP listener, the same one
 * pywinrm passes ({@link WsmanPywinrmCrossCheckTest}): paging, methods and faults through sealed messages on one
 * authenticated connection; a wrong password, a tampered or unencrypted answer, a closed or dropped connection.
 */
class WsmanNtlmTest {

    static final NtlmAcceptor.Account ACCOUNT = WsmanPywinrmCrossCheckTest.ACCOUNT;

    WsmanServer server;
    final List<WsmanClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = WsmanServer.startNtlm(ACCOUNT);
        List<CimInstance> connections = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            connections.add(WsmanClientTest.FS01.connection(new UUID(0x1000, i), WsmanClientTest.FS02,
                    WsmanClientTest.GROUP, "RG-Data", true, i % 4, i % 4 == 3 ? 9033 : 0, i % 4 == 3 ? 5002 : 0));
        }
        server.serve("DfsrConnectionInfo", connections)
                .serve("DfsrReplicatedFolderInfo", List.of(WsmanClientTest.FS01.folder(WsmanClientTest.FOLDER,
                        "Data", WsmanClientTest.GROUP, "RG-Data", 4)))
                .serve("DfsrInfo", List.of(WsmanClientTest.FS01.info(1)))
                .method("DfsrConnectionInfo", "ForceReplication", (inst, in) -> Map.of("ReturnValue", "0"))
                .method("DfsrReplicatedFolderInfo", "GetVersionVector",
                        (inst, in) -> Map.of("ReturnValue", "0", "VersionVector", "vv<&>1"));
    }

    @AfterEach
    void stop() {
        clients.forEach(WsmanClient::close);
        server.close();
    }

    private WsmanClient client(String user, String password, Duration timeout) throws Exception {
        WsmanClient c = new WsmanClient(WsmanSettings.of(server.endpoint(), user, password, SSLContext.getDefault(),
                timeout).withPageSize(2));
        clients.add(c);
        return c;
    }

    private WsmanClient client() throws Exception {
        return client("REPLPROV\\operator", ACCOUNT.password(), Duration.ofSeconds(5));
    }

    private List<CimInstance> enumerate(WsmanClient c) throws WsmanException {
        return c.enumerate(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "SELECT * FROM DfsrConnectionInfo");
    }

    @Test
    void enumeratesPagesGetsAndInvokesThroughSealedMessagesOnOneConnection() throws Exception {
        WsmanClient c = client();
        assertThat(c.settings().auth()).isEqualTo(WsmanAuth.NTLM);
        List<CimInstance> all = enumerate(c);
        assertThat(all).hasSize(5);
        assertThat(all.get(3).value("LastErrorCode")).isEqualTo(CimValue.uint32(9033));
        assertThat(server.actions()).containsExactly(WsmanClient.ENUMERATE, WsmanClient.PULL, WsmanClient.PULL);

        CimInstance info = c.get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of());
        assertThat(info.value("State")).isEqualTo(CimValue.uint8(1));
        Map<String, CimValue> in = new LinkedHashMap<>();
        in.put("Mode", CimValue.uint32(2));
        in.put("DurationInMin", CimValue.uint32(15));
        in.put("Bandwidth", CimValue.uint32(15));
        MethodResult r = c.invoke(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"), "ForceReplication",
                Map.of("ConnectionGuid", "00000000-0000-1000-0000-000000000001"), in);
        assertThat(r.returnValue()).isEqualTo(CimValue.uint32(0));
        MethodResult vv = c.invoke(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrReplicatedFolderInfo"),
                "GetVersionVector", Map.of("ReplicatedFolderGuid", DfsrMember.text(WsmanClientTest.FOLDER)),
                Map.of());
        assertThat(vv.output("VersionVector")).hasValue(CimValue.string("vv<&>1"));

        assertThat(server.ntlm().sealedRequests()).isEqualTo(6);
        assertThat(server.ntlm().connections()).as("the NTLM context lives on one connection").isEqualTo(1);
        assertThat(server.ntlm().accepted()).singleElement().satisfies(a -> {
            assertThat(a.domain()).isEqualTo("REPLPROV");
            assertThat(a.user()).isEqualTo("operator");
            assertThat(a.micVerified()).isTrue();
            assertThat(a.targetName()).isEqualTo("HTTP/127.0.0.1");
        });
        assertThat(server.ntlm().refusals()).isEmpty();
    }

    @Test
    void aFaultComesSealedAndIsTyped() throws Exception {
        assertThatThrownBy(() -> client().enumerate(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrConnectionInfo"),
                "SELECT FROM WHERE"))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.subcode()).hasValue("CannotProcessFilter");
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_QUERY);
                    assertThat(e.httpStatus()).hasValue(500);
                });
    }

    @Test
    void aUpnAuthenticatesWithAnEmptyDomain() throws Exception {
        assertThat(enumerate(client("operator@replprov.test", ACCOUNT.password(), Duration.ofSeconds(5))))
                .hasSize(5);
        assertThat(server.ntlm().accepted()).singleElement().satisfies(a -> {
            assertThat(a.domain()).isEmpty();
            assertThat(a.user()).isEqualTo("operator@replprov.test");
        });
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatNamesNoSecret() throws Exception {
        WsmanClient c = client("REPLPROV\\operator", "Wrong-pa55", Duration.ofSeconds(5));
        assertThatThrownBy(() -> enumerate(c))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WsmanException.Kind.AUTHENTICATION);
                    assertThat(e.httpStatus()).hasValue(401);
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_ACCESS_DENIED);
                    assertThat(e.getMessage()).contains("Negotiate").doesNotContain("Wrong-pa55");
                });
        assertThat(server.ntlm().refusals()).singleElement().asString().contains("wrong password");
        assertThat(server.actions()).isEmpty();
        assertThat(c.settings().toString()).doesNotContain("Wrong-pa55");
    }

    @Test
    void aTamperedSignatureIsAnIntegrityErrorAndTheNextCallAuthenticatesAnew() throws Exception {
        WsmanClient c = client();
        server.ntlm().tamperWithNextAnswer();
        assertThatThrownBy(() -> c.get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of()))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WsmanException.Kind.INTEGRITY);
                    assertThat(e.getMessage()).contains("signature does not verify");
                });
        assertThat(enumerate(c)).hasSize(5);
        assertThat(server.ntlm().accepted()).as("the broken session was dropped").hasSize(2);
        assertThat(server.ntlm().connections()).isEqualTo(2);
    }

    @Test
    void anUnencryptedAnswerIsRefused() throws Exception {
        WsmanClient c = client();
        server.ntlm().answerNextInTheClear();
        assertThatThrownBy(() -> c.get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of()))
                .isInstanceOfSatisfying(WsmanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(WsmanException.Kind.INTEGRITY);
                    assertThat(e.getMessage()).contains("unencrypted");
                });
    }

    @Test
    void aConnectionTheServerClosesIsReplacedAndAuthenticatedAgain() throws Exception {
        WsmanClient c = client();
        server.ntlm().closeAfterNextAnswer();
        assertThat(c.get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of()).value("State"))
                .as("the answer that came with Connection: close counts").isEqualTo(CimValue.uint8(1));
        assertThat(enumerate(c)).hasSize(5);
        assertThat(server.ntlm().connections()).isEqualTo(2);
        assertThat(server.ntlm().accepted()).hasSize(2);
    }

    @Test
    void anIdleConnectionDroppedWithoutAWordIsRetriedOnceOnANewOne() throws Exception {
        WsmanClient c = client();
        assertThat(enumerate(c)).hasSize(5);
        server.ntlm().dropConnections();
        assertThat(enumerate(c)).hasSize(5);
        assertThat(server.ntlm().connections()).isEqualTo(2);
        assertThat(server.ntlm().accepted()).hasSize(2);
        assertThat(server.actions()).as("the request lost with the connection was not served")
                .containsExactly(WsmanClient.ENUMERATE, WsmanClient.PULL, WsmanClient.PULL,
                        WsmanClient.ENUMERATE, WsmanClient.PULL, WsmanClient.PULL);
    }

    @Test
    void aServerThatHangsIsATimeoutWithinTheCallTimeout() throws Exception {
        WsmanClient c = client("REPLPROV\\operator", ACCOUNT.password(), Duration.ofMillis(700));
        server.delay(Duration.ofSeconds(10));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> c.get(WsmanServer.NAMESPACE, WsmanServer.cls("DfsrInfo"), Map.of()))
                .isInstanceOfSatisfying(WsmanException.class,
                        e -> assertThat(e.kind()).isEqualTo(WsmanException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void callsFromSeveralThreadsTakeTurnsOnTheOneSession() throws Exception {
        WsmanClient c = client();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<CimInstance>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> enumerate(c)));
            }
            for (Future<List<CimInstance>> f : results) {
                assertThat(f.get()).hasSize(5);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.ntlm().connections()).isEqualTo(1);
        assertThat(server.ntlm().sealedRequests()).isEqualTo(24);
    }
}
