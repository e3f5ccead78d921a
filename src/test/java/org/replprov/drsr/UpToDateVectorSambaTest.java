package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the {@code replUpToDateVector} codec against Samba's own NDR code (python3-samba's
 * {@code drsblobs.replUpToDateVectorBlob}): for random values of both versions, Samba's {@code ndr_pack} writes our
 * bytes, we read Samba's bytes back to the same value, and Samba reads our bytes (reserved fields included) to the
 * same fields; Samba's strict {@code ndr_unpack} also refuses every input of our malformed set.
 */
class UpToDateVectorSambaTest {

    private static final int RANDOM_VALUES = 600;
    private static final long SEED = 0x0D7C_5A3BAL;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static SambaNdr samba;

    @BeforeAll
    static void startSamba() {
        samba = SambaNdr.start();
    }

    @AfterAll
    static void stopSamba() {
        if (samba != null) {
            samba.close();
        }
    }

    @Test
    void theWorkedExampleIsWhatSambaWrites() {
        byte[] example = Bytes.fromHex(UpToDateVectorCodecTest.EXAMPLE).toArray();
        JsonNode answer = ok(samba.ask(List.of(SambaNdr.utdvUnpack(example))).get(0), "example");
        assertThat(answer.get("repack").asText()).isEqualTo(UpToDateVectorCodecTest.EXAMPLE);
        assertThat(answer.at("/fields/cursors/0/last_sync_success").asText()).isEqualTo("133758358030000000");
    }

    @Test
    void randomValuesAgreeWithSamba() throws MalformedBlobException {
        Random rnd = new Random(SEED);
        List<ReplUpToDateVector> values = new ArrayList<>();
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < RANDOM_VALUES; i++) {
            ReplUpToDateVector value = random(rnd);
            values.add(value);
            batch.add(SambaNdr.utdvPack(sambaFields(value)));
            batch.add(SambaNdr.utdvUnpack(ReplUpToDateVectorCodec.encode(value)));
        }
        List<JsonNode> answers = samba.ask(batch);
        for (int i = 0; i < values.size(); i++) {
            ReplUpToDateVector value = values.get(i);
            String label = "value " + i + " (version " + value.dwVersion() + ", " + value.cNumCursors() + " cursors)";
            // Samba always writes 0 into both reserved fields ([value(0)] in drsblobs.idl).
            ReplUpToDateVector asSambaWrites = new ReplUpToDateVector(value.dwVersion(), 0, 0, value.rgCursors());
            byte[] packed = Bytes.fromHex(ok(answers.get(2 * i), label).get("hex").asText()).toArray();
            assertThat(Bytes.of(packed)).as(label + ": Samba's ndr_pack vs our encoding")
                    .isEqualTo(Bytes.of(ReplUpToDateVectorCodec.encode(asSambaWrites)));
            assertThat(ReplUpToDateVectorCodec.decode(packed)).as(label + ": Samba's bytes read by us")
                    .isEqualTo(asSambaWrites);
            JsonNode read = ok(answers.get(2 * i + 1), label);
            assertThat(read.get("fields")).as(label + ": our bytes read by Samba").isEqualTo(sambaFields(value));
            assertThat(read.get("repack").asText()).as(label + ": Samba's re-encoding of our bytes")
                    .isEqualTo(Bytes.of(packed).toHex());
        }
    }

    @Test
    void sambaRefusesEveryInputOfOurMalformedSet() {
        List<UpToDateVectorCodecTest.Malformed> set = UpToDateVectorCodecTest.MALFORMED;
        List<JsonNode> answers = samba.ask(
                set.stream().map(m -> SambaNdr.utdvUnpack(Bytes.fromHex(m.hex()).toArray())).toList());
        for (int i = 0; i < set.size(); i++) {
            assertThat(answers.get(i).path("ok").asBoolean()).as(set.get(i).name() + ": Samba says " + answers.get(i))
                    .isFalse();
        }
    }

    /** 0..40 cursors; USNs and times over the whole 64-bit range, 0 and all-ones included. */
    private static ReplUpToDateVector random(Random rnd) {
        int version = rnd.nextInt(4) == 0 ? 1 : 2;
        int count = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 40);
        List<UpToDateCursor> cursors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID invocationId = new UUID(rnd.nextLong(), rnd.nextLong());
            long usn = edgeOrRandom(rnd);
            cursors.add(version == 1 ? UpToDateCursor.v1(invocationId, usn)
                    : new UpToDateCursor(invocationId, usn, new NtTime(edgeOrRandom(rnd))));
        }
        boolean reserved = rnd.nextInt(5) == 0;
        return new ReplUpToDateVector(version, reserved ? rnd.nextInt() : 0, reserved ? rnd.nextInt() : 0, cursors);
    }

    private static long edgeOrRandom(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> rnd.nextInt(1 << 20);
            default -> rnd.nextLong();
        };
    }

    /**
     * Our value in the helper's terms: Samba's names, every 64-bit and 32-bit number unsigned. Returned as parsed
     * from its text, so that numbers have the node types they have in the helper's answers and compare equal.
     */
    private static JsonNode sambaFields(ReplUpToDateVector value) {
        ObjectNode fields = MAPPER.createObjectNode()
                .put("version", value.dwVersion())
                .put("reserved", Integer.toUnsignedLong(value.dwReserved1()))
                .put("count", value.cNumCursors())
                .put("ctr_reserved", Integer.toUnsignedLong(value.dwReserved2()));
        ArrayNode cursors = fields.putArray("cursors");
        for (UpToDateCursor c : value.rgCursors()) {
            ObjectNode cursor = cursors.addObject()
                    .put("source_dsa_invocation_id", c.uuidDsa().toString())
                    .put("highest_usn", new BigInteger(Long.toUnsignedString(c.usnHighPropUpdate())));
            if (value.dwVersion() == 2) {
                cursor.put("last_sync_success", new BigInteger(c.timeLastSyncSuccess().unsigned()));
            }
        }
        try {
            return MAPPER.readTree(fields.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode ok(JsonNode answer, String label) {
        assertThat(answer.path("ok").asBoolean()).as(label + ": Samba says " + answer.path("error").asText())
                .isTrue();
        return answer;
    }
}
