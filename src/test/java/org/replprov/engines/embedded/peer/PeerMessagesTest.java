package org.replprov.engines.embedded.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.replprov.engine.spi.EngineEndpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed peer messages are refused naming the field at fault, never a Java class (issue 11). */
class PeerMessagesTest {

    private static final PeerService SERVICE = new PeerService(new PeerEndpoint() {
        @Override
        public PeerProtocol.AnnounceReply announced(PeerProtocol.Announce a) {
            throw new AssertionError("a malformed message reached the engine");
        }

        @Override
        public PeerProtocol.NotifyReply notified(PeerProtocol.Notify n) {
            throw new AssertionError("a malformed message reached the engine");
        }
    });

    private static JsonNode refusal(String path, String body) throws Exception {
        EngineEndpoint.Response r = SERVICE.handle("POST", path, body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertThat(json.get("error").asText()).isEqualTo("malformed");
        return json;
    }

    @Test
    void anEmptyObjectNamesTheFirstMissingField() throws Exception {
        assertThat(refusal(PeerProtocol.NOTIFY_PATH, "{}").get("message").asText())
                .isEqualTo("not a valid notify message: the field groupGuid is missing");
        assertThat(refusal(PeerProtocol.ANNOUNCE_PATH, "{\"protocol\": 1}").get("message").asText())
                .isEqualTo("not a valid announce message: the field groupGuid is missing");
    }

    @Test
    void aWrongTypeNamesTheFieldAndWhere() throws Exception {
        assertThat(refusal(PeerProtocol.NOTIFY_PATH, "{\"protocol\": 1,\n \"groupGuid\": \"not-a-guid\"}")
                .get("message").asText())
                .isEqualTo("not a valid notify message: the field groupGuid has the wrong type (line 2, column 15)");
        assertThat(refusal(PeerProtocol.NOTIFY_PATH, "{\"protocol\": {}}").get("message").asText())
                .startsWith("not a valid notify message: the field protocol has the wrong type");
        assertThat(refusal(PeerProtocol.NOTIFY_PATH, "[1, 2]").get("message").asText())
                .startsWith("not a valid notify message: it must be a JSON object");
        assertThat(refusal(PeerProtocol.NOTIFY_PATH, "{\"protocol\": 1, nope").get("message").asText())
                .isEqualTo("not a valid notify message: not JSON (line 1, column 17)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "null", "", "x", "{\"protocol\":1,\"groupGuid\":[]}", "{\"protocol\":\"1\"}",
        "{\"protocol\":1,\"groupGuid\":\"00000000-0000-0000-0000-000000000000\",\"memberGuid\":1.5}",
        "{\"options\": 7}", "\"just a string\"", "{\"protocol\": 99999999999999999999999}"})
    void noRefusalShowsJavaNames(String body) throws Exception {
        for (String path : new String[] {PeerProtocol.NOTIFY_PATH, PeerProtocol.ANNOUNCE_PATH}) {
            String message = refusal(path, body).get("message").asText();
            assertThat(message).as(body).doesNotContain("org.", "java.", "$", "`", "Cannot", "jackson", "Exception",
                    "PeerProtocol", "Notify", "Announce", "UUID", "record");
        }
    }
}
