package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the codec against Samba's own NDR code (python3-samba's {@code drsblobs.repsFromToBlob}), not a mock:
 * the vectors decode to the same fields in both; Samba's re-encoding of each vector is what our encoder writes in the
 * Samba layout and decodes in ours; and for 1 500 random {@link RepsTo} values and 750 random {@link RepsFrom}
 * values (every field set: schedule, high-water mark, invocation and transport GUIDs, all option bits) in both
 * versions, our Samba-layout bytes equal Samba's {@code ndr_pack}, Samba reads our Windows-layout bytes to the same
 * fields, and we read Samba's bytes back to the same tuple.
 *
 * <p>Fields are compared in Samba's terms ({@code drsblobs.idl} names, DSTIME seconds), built from our decoded
 * records by {@link #sambaFields}.
 */
class SambaCrossCheckTest {

    private static final int RANDOM_VALUES = 1_500;
    private static final long SEED = 0xC0DE_5A3BAL;
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
    void everyVectorDecodesToTheSameFieldsInSamba() throws MalformedBlobException {
        List<HexVector> vectors = HexVector.valid();
        List<JsonNode> answers = samba.ask(vectors.stream().map(v -> SambaNdr.unpack(v.bytes())).toList());
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < vectors.size(); i++) {
            HexVector v = vectors.get(i);
            JsonNode answer = ok(answers.get(i), v.name());
            RepsFromToBlob ours = RepsFromToCodec.decode(v.bytes());
            soft.assertThat(flatten(answer.get("fields"))).as(v.name()).isEqualTo(flatten(sambaFields(ours)));
            soft.assertThat(answer.at("/fields/result_name").asText()).as(v.name() + " result name")
                    .isEqualTo(sambaName(ours.fixed().ulResultLastAttempt()));
        }
        soft.assertAll();
    }

    @Test
    void sambasReEncodingOfEachVectorIsOurSambaLayoutAndDecodesInOurs() throws MalformedBlobException {
        List<HexVector> vectors = new ArrayList<>();
        for (HexVector v : HexVector.valid()) {
            if (sambaCanRewrite(RepsFromToCodec.decode(v.bytes()))) {
                vectors.add(v);
            }
        }
        assertThat(vectors).hasSizeGreaterThan(15);
        List<JsonNode> answers = samba.ask(vectors.stream().map(v -> SambaNdr.unpack(v.bytes())).toList());
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < vectors.size(); i++) {
            HexVector v = vectors.get(i);
            byte[] repack = Bytes.fromHex(ok(answers.get(i), v.name()).get("repack").asText()).toArray();
            RepsFromToBlob ours = RepsFromToCodec.decode(v.bytes());
            soft.assertThat(Bytes.of(repack)).as(v.name() + ": Samba's re-encoding")
                    .isEqualTo(Bytes.of(RepsFromToCodec.encode(inSambaLayout(ours))));
            soft.assertThat(RepsFromToCodec.decode(repack)).as(v.name() + ": Samba's re-encoding, decoded")
                    .isEqualTo(inSambaLayout(ours));
        }
        soft.assertAll();
    }

    @Test
    void randomRepsToValuesAgreeWithSamba() throws MalformedBlobException {
        Random rnd = new Random(SEED);
        List<RepsFromToBlob> samba1 = new ArrayList<>();
        List<RepsFromToBlob> windows = new ArrayList<>();
        List<RepsTo> values = new ArrayList<>();
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < RANDOM_VALUES; i++) {
            RepsTo value = RandomRepsTo.next(rnd);
            for (int version = 1; version <= 2; version++) {
                RepsFromToBlob sambaLayout = value.toBlob(version, Layout.SAMBA);
                RepsFromToBlob windowsLayout = value.toBlob(version, Layout.WINDOWS);
                values.add(value);
                samba1.add(sambaLayout);
                windows.add(windowsLayout);
                batch.add(SambaNdr.pack(sambaFields(sambaLayout)));
                batch.add(SambaNdr.unpack(RepsFromToCodec.encode(windowsLayout)));
            }
        }
        List<JsonNode> answers = samba.ask(batch);
        for (int i = 0; i < values.size(); i++) {
            String label = "value " + i / 2 + ", version " + (i % 2 + 1);
            byte[] packed = Bytes.fromHex(ok(answers.get(2 * i), label).get("hex").asText()).toArray();
            assertThat(Bytes.of(packed)).as(label + ": Samba's ndr_pack vs our Samba layout")
                    .isEqualTo(Bytes.of(RepsFromToCodec.encode(samba1.get(i))));
            assertThat(RepsTo.from(RepsFromToCodec.decode(packed))).as(label + ": Samba's bytes read by us")
                    .isEqualTo(values.get(i));
            assertThat(flatten(ok(answers.get(2 * i + 1), label).get("fields")))
                    .as(label + ": our Windows layout read by Samba").isEqualTo(flatten(sambaFields(windows.get(i))));
        }
    }

    @Test
    void randomRepsFromValuesWithEveryFieldSetAgreeWithSamba() throws MalformedBlobException {
        Random rnd = new Random(SEED + 1);
        List<RepsFrom> values = new ArrayList<>();
        List<RepsFromToBlob> sambaLayout = new ArrayList<>();
        List<RepsFromToBlob> windowsLayout = new ArrayList<>();
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < RANDOM_VALUES / 2; i++) {
            RepsFrom value = RandomRepsFrom.next(rnd);
            for (int version = 1; version <= 2; version++) {
                values.add(value);
                sambaLayout.add(value.toBlob(version, Layout.SAMBA));
                windowsLayout.add(value.toBlob(version, Layout.WINDOWS));
                batch.add(SambaNdr.pack(sambaFields(sambaLayout.get(sambaLayout.size() - 1))));
                batch.add(SambaNdr.unpack(RepsFromToCodec.encode(windowsLayout.get(windowsLayout.size() - 1))));
            }
        }
        List<JsonNode> answers = samba.ask(batch);
        for (int i = 0; i < values.size(); i++) {
            String label = "repsFrom " + i / 2 + ", version " + (i % 2 + 1);
            byte[] packed = Bytes.fromHex(ok(answers.get(2 * i), label).get("hex").asText()).toArray();
            assertThat(Bytes.of(packed)).as(label + ": Samba's ndr_pack vs our Samba layout")
                    .isEqualTo(Bytes.of(RepsFromToCodec.encode(sambaLayout.get(i))));
            assertThat(RepsFrom.from(RepsFromToCodec.decode(packed))).as(label + ": Samba's bytes read by us")
                    .isEqualTo(values.get(i));
            JsonNode read = ok(answers.get(2 * i + 1), label).get("fields");
            assertThat(flatten(read)).as(label + ": our Windows layout read by Samba")
                    .isEqualTo(flatten(sambaFields(windowsLayout.get(i))));
            assertThat(read.get("result_name").asText()).as(label + ": Samba's name of the result")
                    .isEqualTo(sambaName(values.get(i).resultLastAttempt()));
        }
    }

    @Test
    void everyNamedWin32ErrorHasSambasNumberAndName() throws IllegalAccessException {
        List<Win32Error> named = new ArrayList<>();
        for (Field field : Win32Error.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Win32Error.class) {
                named.add((Win32Error) field.get(null));
            }
        }
        RepsTo base = RandomRepsTo.next(new Random(SEED));
        List<ObjectNode> batch = named.stream().map(error -> SambaNdr.unpack(RepsFromToCodec.encode(
                new RepsTo(base.naDsa(), base.uuidDsa(), base.options(), error, 0, DsTime.NEVER, DsTime.NEVER)
                        .toBlob(1, Layout.SAMBA)))).toList();
        List<JsonNode> answers = samba.ask(batch);
        assertThat(named).hasSizeGreaterThan(30);
        for (int i = 0; i < named.size(); i++) {
            JsonNode name = ok(answers.get(i), named.get(i).toString()).at("/fields/result_name");
            assertThat(name.asText()).as(named.get(i).toString()).isEqualTo(sambaName(named.get(i)));
        }
    }

    /** What Samba prints for {@code error}: our {@link Win32Error#werrName()}, or Samba's text for unnamed codes. */
    private static String sambaName(Win32Error error) {
        return error.werrName().orElse(String.format("DOS code 0x%08x", error.code()));
    }

    /**
     * Whether Samba can rewrite the value without losing what our records describe: Samba's IDL keeps the
     * DSA_RPC_INST annotation and GUID offsets as plain numbers but not the items they point to, and reads exactly 4
     * bytes after the header as the high half of its {@code unknown2}.
     */
    private static boolean sambaCanRewrite(RepsFromToBlob value) {
        return !(value instanceof RepsFromToV2 v2) || v2.otherDra().map(a -> a.pszAnnotation().isEmpty()
                && a.pguidInstance().isEmpty() && a.padding().length() == 4).orElse(true);
    }

    /**
     * What Samba writes for a value it read: its own layout, nothing undescribed kept, no DSA_RPC_INST trailer, and
     * (observed) 0 in dwReserved0 and dwReserved1 whatever it read there.
     */
    private static RepsFromToBlob inSambaLayout(RepsFromToBlob value) {
        RepsFixedFields f = value.fixed();
        RepsFixedFields fixed = new RepsFixedFields(0, f.cConsecutiveFailures(), f.timeLastSuccess(),
                f.timeLastAttempt(), f.ulResultLastAttempt(), f.ulReplicaFlags(), f.rtSchedule(), 0, f.usnVec(),
                f.uuidDsaObj(), f.uuidInvocId(), f.uuidTransportObj());
        if (value instanceof RepsFromToV1 v1) {
            return new RepsFromToV1(Layout.SAMBA, fixed, 0, 0, v1.otherDra(), OpaqueBytes.NONE);
        }
        RepsFromToV2 v2 = (RepsFromToV2) value;
        return new RepsFromToV2(fixed, v2.dwReserved(), v2.cbPasDataOffset(),
                v2.otherDra().map(a -> new DsaRpcInst(a.pszServer(), Optional.empty(), a.pszInstance(),
                        Optional.empty(), a.padding(), Bytes.EMPTY)), OpaqueBytes.NONE);
    }

    /** Our decoded value in the shape of the helper's {@code fields}: Samba's names, DSTIME seconds. */
    static ObjectNode sambaFields(RepsFromToBlob value) {
        RepsFixedFields f = value.fixed();
        ObjectNode fields = MAPPER.createObjectNode()
                .put("version", value.dwVersion())
                .put("reserved", unsigned(f.dwReserved0()))
                .put("blobsize", value.cb())
                .put("consecutive_sync_failures", unsigned(f.cConsecutiveFailures()))
                .put("last_success", f.timeLastSuccess().seconds())
                .put("last_attempt", f.timeLastAttempt().seconds())
                .put("result_last_attempt", unsigned(f.ulResultLastAttempt().code()))
                .put("other_info_length", value.cbOtherDra())
                .put("replica_flags", unsigned(f.ulReplicaFlags().raw()))
                .put("schedule", f.rtSchedule().toHex())
                .put("reserved1", unsigned(f.dwReserved1()))
                .put("source_dsa_obj_guid", f.uuidDsaObj().toString())
                .put("source_dsa_invocation_id", f.uuidInvocId().toString())
                .put("transport_guid", f.uuidTransportObj().toString());
        ArrayNode usn = fields.putArray("highwatermark");
        usn.add(f.usnVec().usnHighObjUpdate()).add(f.usnVec().usnReserved()).add(f.usnVec().usnHighPropUpdate());
        fields.putNull("other_info");
        if (value instanceof RepsFromToV1 v1) {
            v1.otherDra().ifPresent(a -> fields.putObject("other_info").put("dns_name", a.mtxName()));
        } else if (value instanceof RepsFromToV2 v2) {
            // Samba's repsFromTo2 ends its header with one hyper, our dwReserved and cbPasDataOffset.
            fields.put("unknown1", hyper(v2.dwReserved(), v2.cbPasDataOffset()));
            v2.otherDra().ifPresent(a -> {
                ObjectNode info = fields.putObject("other_info");
                info.put("dns_name1", a.pszServer().orElse(null));
                info.put("unknown1", a.cbpszAnnotationOffset());
                info.put("dns_name2", a.pszInstance().orElse(null));
                // ...and its OtherInfo with one hyper: the GUID offset and the 4 bytes after the header.
                info.put("unknown2", hyper(a.cbpguidInstanceOffset(), littleEndian(a.padding())));
            });
        }
        return fields;
    }

    private static long unsigned(int dword) {
        return Integer.toUnsignedLong(dword);
    }

    /** A Samba {@code hyper} (unsigned 64 bits) made of two DWORDs, as a JSON number. */
    private static BigInteger hyper(int low, int high) {
        return new BigInteger(Long.toUnsignedString(unsigned(low) | (long) high << 32));
    }

    private static int littleEndian(Bytes four) {
        byte[] b = four.toArray();
        return b.length != 4 ? 0 : (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    /** Path → text of every leaf, so numbers compare by value whatever their JSON type; Samba's name is left out. */
    private static Map<String, String> flatten(JsonNode fields) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", fields, flat);
        flat.remove("result_name");
        return flat;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), flat);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), flat);
            }
        } else {
            flat.put(path, node.isNull() ? "null" : node.asText());
        }
    }

    private static JsonNode ok(JsonNode answer, String label) {
        assertThat(answer.path("ok").asBoolean()).as(label + ": Samba says " + answer.path("error").asText())
                .isTrue();
        return answer;
    }
}
