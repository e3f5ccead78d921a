package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The JSON form used by {@code replprov reps decode --json} and {@code replprov reps encode}. */
class RepsJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexVector EXAMPLE_A = HexVector.read(HexVector.DIR.resolve("a-v1-samba.hex"));

    private static String exampleA() throws MalformedBlobException {
        return RepsJson.toJson(RepsFromToCodec.decode(EXAMPLE_A.bytes()));
    }

    @Test
    void printsTheDocumentedKeysInOrder() throws Exception {
        assertThat(MAPPER.readTree(exampleA()).fieldNames()).toIterable().containsExactly("version",
                "consecutiveFailures", "timeLastSuccess", "timeLastAttempt", "resultLastAttempt", "replicaFlags",
                "naDsa", "uuidDsa", "uuidInvocId", "uuidTransportObj", "schedule", "usnVec");
        assertThat(exampleA()).contains("\"timeLastSuccess\" : 13375835803", "\"resultLastAttempt\" : 1722",
                "\"naDsa\" : \"dc2.example.com\"", "\"highPropUpdate\" : 0");
    }

    @Test
    void encodingTheJsonOfAValueAsWritersWriteItGivesItsBytesBack() throws Exception {
        Map<String, Layout> vectors = Map.of("a-v1-samba", Layout.SAMBA, "a-v1-windows", Layout.WINDOWS,
                "b-v2-windows", Layout.WINDOWS, "b-v2-samba", Layout.SAMBA, "c-v1-samba-4.17-dc", Layout.SAMBA,
                "empty-nadsa-v1-samba", Layout.SAMBA, "empty-nadsa-v2", Layout.WINDOWS,
                "repsfrom-v2-windows-524", Layout.WINDOWS);
        for (Map.Entry<String, Layout> vector : vectors.entrySet()) {
            HexVector v = HexVector.read(HexVector.DIR.resolve(vector.getKey() + ".hex"));
            String json = RepsJson.toJson(RepsFromToCodec.decode(v.bytes()));
            RepsFromToBlob again = RepsJson.fromJson(json, vector.getValue(), OptionalInt.empty());
            assertThat(Bytes.of(RepsFromToCodec.encode(again))).as(v.name()).isEqualTo(Bytes.of(v.bytes()));
        }
    }

    @Test
    void aVersionGivenByTheCallerWinsOverTheKey() throws Exception {
        RepsFromToBlob v2 = RepsJson.fromJson(exampleA(), Layout.WINDOWS, OptionalInt.of(2));
        assertThat(v2.dwVersion()).isEqualTo(2);
        ObjectNode withoutVersion = (ObjectNode) MAPPER.readTree(exampleA());
        withoutVersion.remove("version");
        assertThat(RepsJson.fromJson(withoutVersion.toString(), Layout.SAMBA, OptionalInt.of(1)).dwVersion())
                .isEqualTo(1);
    }

    @Test
    void errorsNameTheKey() throws Exception {
        assertError(j -> j.remove("uuidDsa"), "uuidDsa: missing");
        assertError(j -> j.put("colour", "blue"), "colour: unknown key");
        assertError(j -> j.put("uuidDsa", "dc2"), "uuidDsa: \"dc2\" is not a GUID");
        assertError(j -> j.put("replicaFlags", -1), "replicaFlags: -1 is outside 0..4294967295");
        assertError(j -> j.put("resultLastAttempt", 4294967296L), "resultLastAttempt: 4294967296 is outside");
        assertError(j -> j.put("timeLastSuccess", 1.5), "timeLastSuccess: must be an integer, not 1.5");
        assertError(j -> j.put("timeLastAttempt", "now"), "timeLastAttempt: must be an integer");
        assertError(j -> j.put("naDsa", 7), "naDsa: must be a string, not 7");
        assertError(j -> j.put("naDsa", "a".repeat(256)), "naDsa: an MTX_ADDR name holds at most 255");
        assertError(j -> j.put("schedule", "00"), "schedule: must be 168 hex digits (84 bytes), not 2");
        assertError(j -> j.put("schedule", "zz".repeat(84)), "schedule: 'z' at position 0 is not a hex digit");
        assertError(j -> j.put("version", 3), "version: must be 1 or 2, not 3");
        assertError(j -> j.put("usnVec", 0), "usnVec: must be a JSON object");
        assertError(j -> ((ObjectNode) j.get("usnVec")).remove("reserved"), "usnVec.reserved: missing");
        assertError(j -> ((ObjectNode) j.get("usnVec")).put("reserved", new BigInteger("9223372036854775808")),
                "usnVec.reserved: 9223372036854775808 does not fit a signed 64-bit integer");
    }

    @Test
    void unreadableJsonSaysWhere() {
        assertThatThrownBy(() -> RepsJson.fromJson("{\"version\": 1,\n  oops}", Layout.SAMBA, OptionalInt.empty()))
                .isInstanceOf(RepsJsonException.class)
                .hasMessageStartingWith("(document): not valid JSON: ")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> RepsJson.fromJson("[]", Layout.SAMBA, OptionalInt.empty()))
                .hasMessage("(document): must be a JSON object");
    }

    private interface Edit {
        void apply(ObjectNode json);
    }

    private static void assertError(Edit edit, String expected) throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(exampleA());
        edit.apply(json);
        assertThatThrownBy(() -> RepsJson.fromJson(json.toString(), Layout.SAMBA, OptionalInt.empty()))
                .isInstanceOf(RepsJsonException.class)
                .hasMessageStartingWith(expected);
    }
}
