package org.replprov.engines.windows.dcom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimValue;
import org.replprov.engines.windows.wmio.ClassDefinition;
import org.replprov.engines.windows.wmio.WmioCim;
import org.replprov.engines.windows.wmio.WmioCodec;
import org.replprov.engines.windows.wmio.WmioInstance;
import org.replprov.engines.windows.wmio.WmioValue;
import org.replprov.engines.windows.wsman.DfsrMember;
import org.replprov.engines.windows.wsman.WsmanServer;

/**
 * The project's MS-WMI client (j-interop-ng for DCE/RPC and DCOM) against the DCOM test responder: activation at
 * packet privacy as the responder verifies it, NTLMLogin, ExecQuery through the smart enumerator (ObjectArray with
 * class caching), ExecMethod with in-parameters encoded by the project's codec, and typed errors.
 */
class WmiClientTest {

    static final DfsrMember MEMBER = WmiqueryCrossCheckTest.MEMBER;
    static final DfsrMember PARTNER = WmiqueryCrossCheckTest.PARTNER;
    static final UUID GROUP = WmiqueryCrossCheckTest.GROUP;
    static final String NAMESPACE = "//./root/MicrosoftDFS";

    static DcomResponder responder;

    @BeforeAll
    static void start() {
        responder = DcomResponder.start("127.0.0.62");
    }

    @AfterAll
    static void stop() {
        if (responder != null) {
            responder.close();
        }
    }

    static WmiClient connect(String password) throws DcomException {
        return WmiClient.connect(responder.address(), DcomResponder.DOMAIN, DcomResponder.USER, password, NAMESPACE,
                Duration.ofSeconds(10), WmioCodec.standard());
    }

    @Test
    void queriesThroughTheSmartEnumeratorAtPacketPrivacy() throws Exception {
        responder.serve(List.of(
                MEMBER.connection(UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001"), PARTNER, GROUP, "Docs",
                        true, 1, 0, 0),
                MEMBER.connection(UUID.fromString("aaaaaaaa-0000-0000-0000-000000000002"), PARTNER, GROUP, "Docs",
                        false, 3, 1722, 5002),
                MEMBER.connection(UUID.fromString("aaaaaaaa-0000-0000-0000-000000000003"), PARTNER, GROUP, "Docs",
                        true, 0, 0, 0)));
        responder.events();

        List<WmioInstance> rows;
        try (WmiClient client = connect(DcomResponder.PASSWORD)) {
            rows = client.query("SELECT * FROM DfsrConnectionInfo");
        }

        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(r -> WmioCim.toCimInstance(r).value("ConnectionGuid"))
                .containsExactly(CimValue.string("AAAAAAAA-0000-0000-0000-000000000001"),
                        CimValue.string("AAAAAAAA-0000-0000-0000-000000000002"),
                        CimValue.string("AAAAAAAA-0000-0000-0000-000000000003"));
        assertThat(WmioCim.toCimInstance(rows.get(1)).value("LastErrorCode")).isEqualTo(CimValue.uint32(1722));
        List<JsonNode> events = responder.events();
        JsonNode activation = DcomResponder.only(events, "activation").get(0);
        assertThat(activation.path("how").asText()).isEqualTo("RemoteActivation");
        assertThat(activation.path("level").asInt()).as("activation authentication level").isEqualTo(6);
        assertThat(DcomResponder.only(events, "smartNext")).isNotEmpty()
                .extracting(e -> e.path("level").asInt()).containsOnly(6);
        assertThat(DcomResponder.only(events, "query")).extracting(e -> e.path("wql").asText())
                .containsExactly("SELECT * FROM DfsrConnectionInfo");
        assertThat(DcomResponder.only(events, "refused")).isEmpty();
        assertThat(DcomResponder.only(events, "error")).isEmpty();
    }

    @Test
    void execMethodSendsTheCodecsInParametersAndReturnsReturnValue() throws Exception {
        var cls = WsmanServer.cls("DfsrConnectionInfo");
        responder.method(cls, "ForceReplication", 0);
        responder.events();
        ClassDefinition in = WmioCim.toWmioClass(cls).method("ForceReplication").orElseThrow().inParameters()
                .orElseThrow();
        WmioInstance params = WmioInstance.of(in, Map.of("DurationInMin", WmioValue.of(CimValue.uint32(15))));

        WmioInstance out;
        try (WmiClient client = connect(DcomResponder.PASSWORD)) {
            out = client.execMethod("DfsrConnectionInfo.ConnectionGuid=\"AAAAAAAA-0000-0000-0000-000000000001\"",
                    "ForceReplication", params);
        }

        assertThat(out.value("ReturnValue")).isEqualTo(WmioValue.of(CimValue.uint32(0)));
        JsonNode call = DcomResponder.only(responder.events(), "method").get(0);
        assertThat(call.path("method").asText()).isEqualTo("ForceReplication");
        assertThat(call.path("path").asText()).contains("AAAAAAAA-0000-0000-0000-000000000001");
        assertThat(call.path("level").asInt()).isEqualTo(6);
        WmioInstance sent = (WmioInstance) WmioCodec.standard()
                .decodeEncodingUnit(java.util.HexFormat.of().parseHex(call.path("inParams").asText())).object();
        assertThat(sent.value("DurationInMin")).isEqualTo(WmioValue.of(CimValue.uint32(15)));
    }

    @Test
    void aWbemStatusIsTyped() throws Exception {
        responder.serve(List.of(MEMBER.info(1)));
        try (WmiClient client = connect(DcomResponder.PASSWORD)) {
            assertThatThrownBy(() -> client.query("SELECT * FROM NoSuchClass"))
                    .isInstanceOfSatisfying(DcomException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DcomException.Kind.WBEM);
                        assertThat(e.code()).isEqualTo(0x80041010L);
                    });
        }
    }

    @Test
    void aWrongPasswordFailsWithoutNamingIt() {
        assertThatThrownBy(() -> connect("wrong-password-123"))
                .isInstanceOfSatisfying(DcomException.class, e ->
                        assertThat(e.getMessage()).doesNotContain("wrong-password-123"));
        assertThat(DcomResponder.only(responder.events(), "refused")).extracting(e -> e.path("reason").asText())
                .contains("wrong password");
    }
}
