package org.replprov.drsr;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The JSON form of a {@code REPS_FROM} / {@code REPS_TO} value used by {@code replprov reps decode --json} and
 * {@code replprov reps encode} (and, printed only, of a {@code replUpToDateVector} value). It holds the fields a
 * person reads or sets; reserved fields, layout details and undescribed bytes are left out, and encoding
 * writes them as a writer in use does ({@link RepsFromToBlob#of}).
 *
 * <pre>
 * { "version": 1, "consecutiveFailures": 2, "timeLastSuccess": 13375835803, "timeLastAttempt": 13375836000,
 *   "resultLastAttempt": 1722, "replicaFlags": 16, "naDsa": "dc2.example.com",
 *   "uuidDsa": "5fef3270-3934-46f3-8b63-b5fc9c55f981",
 *   "uuidInvocId": "00000000-…", "uuidTransportObj": "00000000-…",
 *   "schedule": "00…00", "usnVec": { "highObjUpdate": 0, "reserved": 0, "highPropUpdate": 0 } }
 * </pre>
 *
 * Times are raw DSTIME seconds, the DWORDs unsigned, {@code schedule} the 84 {@code REPLTIMES} bytes in hex. Reading
 * is strict: every key must be present (except {@code version} when the caller supplies it), no other key may be,
 * and each error names its key.
 */
public final class RepsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final List<String> KEYS = List.of("version", "consecutiveFailures", "timeLastSuccess",
            "timeLastAttempt", "resultLastAttempt", "replicaFlags", "naDsa", "uuidDsa", "uuidInvocId",
            "uuidTransportObj", "schedule", "usnVec");
    private static final List<String> USN_KEYS = List.of("highObjUpdate", "reserved", "highPropUpdate");
    private static final BigInteger MAX_DWORD = BigInteger.valueOf(0xFFFF_FFFFL);

    private RepsJson() {
    }

    /** The JSON object for {@code value}, indented, keys in the documented order. */
    public static String toJson(RepsFromToBlob value) {
        RepsFixedFields f = value.fixed();
        ObjectNode json = MAPPER.createObjectNode()
                .put("version", value.dwVersion())
                .put("consecutiveFailures", Integer.toUnsignedLong(f.cConsecutiveFailures()))
                .put("timeLastSuccess", f.timeLastSuccess().seconds())
                .put("timeLastAttempt", f.timeLastAttempt().seconds())
                .put("resultLastAttempt", Integer.toUnsignedLong(f.ulResultLastAttempt().code()))
                .put("replicaFlags", Integer.toUnsignedLong(f.ulReplicaFlags().raw()))
                .put("naDsa", value.networkAddress())
                .put("uuidDsa", f.uuidDsaObj().toString())
                .put("uuidInvocId", f.uuidInvocId().toString())
                .put("uuidTransportObj", f.uuidTransportObj().toString())
                .put("schedule", f.rtSchedule().toHex());
        json.putObject("usnVec")
                .put("highObjUpdate", f.usnVec().usnHighObjUpdate())
                .put("reserved", f.usnVec().usnReserved())
                .put("highPropUpdate", f.usnVec().usnHighPropUpdate());
        return write(json);
    }

    /**
     * The JSON object for a {@code replUpToDateVector} value, indented: the version and the cursors, reserved fields
     * left out. {@code timeLastSyncSuccess} is the raw NTTIME as an unsigned number and only present in version 2.
     *
     * <pre>
     * { "version": 2, "cursors": [ { "uuidDsa": "5fef3270-…", "usnHighPropUpdate": 4088,
     *                                "timeLastSyncSuccess": 133758358030000000 } ] }
     * </pre>
     */
    public static String toJson(ReplUpToDateVector value) {
        ObjectNode json = MAPPER.createObjectNode().put("version", value.dwVersion());
        ArrayNode cursors = json.putArray("cursors");
        for (UpToDateCursor c : value.rgCursors()) {
            ObjectNode cursor = cursors.addObject()
                    .put("uuidDsa", c.uuidDsa().toString())
                    .put("usnHighPropUpdate", c.usnHighPropUpdate());
            if (value.dwVersion() == 2) {
                cursor.put("timeLastSyncSuccess", new BigInteger(c.timeLastSyncSuccess().unsigned()));
            }
        }
        return write(json);
    }

    private static String write(ObjectNode json) {
        try {
            return MAPPER.writeValueAsString(json) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of plain values always serialises", e);
        }
    }

    /**
     * The value described by {@code json}, written in {@code layout}.
     *
     * @param version when present, the version to write, taking precedence over the {@code version} key
     * @throws RepsJsonException naming the key at fault
     */
    public static RepsFromToBlob fromJson(String json, Layout layout, OptionalInt version) throws RepsJsonException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new RepsJsonException("(document)", "not valid JSON: " + e.getOriginalMessage() + where);
        }
        List<String> required = version.isPresent()
                ? KEYS.stream().filter(k -> !k.equals("version")).toList()
                : KEYS;
        Reader in = new Reader("", root, required, KEYS);
        int dwVersion = version.isPresent() ? version.getAsInt() : (int) in.dword("version");
        if (dwVersion != 1 && dwVersion != 2) {
            throw new RepsJsonException("version", "must be 1 or 2, not " + dwVersion);
        }
        Reader usn = in.object("usnVec", USN_KEYS);
        RepsFixedFields fixed = new RepsFixedFields(0,
                (int) in.dword("consecutiveFailures"),
                new DsTime(in.int64("timeLastSuccess")),
                new DsTime(in.int64("timeLastAttempt")),
                new Win32Error((int) in.dword("resultLastAttempt")),
                new ReplicaFlags((int) in.dword("replicaFlags")),
                in.schedule("schedule"),
                0,
                new UsnVector(usn.int64("highObjUpdate"), usn.int64("reserved"), usn.int64("highPropUpdate")),
                in.guid("uuidDsa"),
                in.guid("uuidInvocId"),
                in.guid("uuidTransportObj"));
        String naDsa = in.string("naDsa");
        try {
            return RepsFromToBlob.of(dwVersion, layout, fixed, naDsa);
        } catch (IllegalArgumentException e) {
            throw new RepsJsonException("naDsa", e.getMessage());
        }
    }

    /** Typed, key-naming access to one JSON object. */
    private static final class Reader {
        private final String path;
        private final JsonNode node;

        /**
         * @param required keys that must be present
         * @param allowed  keys that may be present
         */
        Reader(String path, JsonNode node, List<String> required, List<String> allowed) throws RepsJsonException {
            this.path = path;
            this.node = node;
            if (!node.isObject()) {
                throw new RepsJsonException(path.isEmpty() ? "(document)" : path, "must be a JSON object");
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new RepsJsonException(key(name), "unknown key (expected one of " + allowed + ")");
                }
            }
            for (String name : required) {
                if (!node.has(name)) {
                    throw new RepsJsonException(key(name), "missing");
                }
            }
        }

        Reader object(String name, List<String> keys) throws RepsJsonException {
            return new Reader(key(name), node.get(name), keys, keys);
        }

        long dword(String name) throws RepsJsonException {
            BigInteger value = integer(name);
            if (value.signum() < 0 || value.compareTo(MAX_DWORD) > 0) {
                throw new RepsJsonException(key(name), value + " is outside 0..4294967295");
            }
            return value.longValueExact();
        }

        long int64(String name) throws RepsJsonException {
            BigInteger value = integer(name);
            if (value.bitLength() > 63) {
                throw new RepsJsonException(key(name), value + " does not fit a signed 64-bit integer");
            }
            return value.longValueExact();
        }

        String string(String name) throws RepsJsonException {
            JsonNode value = node.get(name);
            if (!value.isTextual()) {
                throw new RepsJsonException(key(name), "must be a string, not " + value);
            }
            return value.textValue();
        }

        UUID guid(String name) throws RepsJsonException {
            String text = string(name);
            if (!GUID.matcher(text).matches()) {
                throw new RepsJsonException(key(name), "\"" + text + "\" is not a GUID");
            }
            return UUID.fromString(text);
        }

        ReplTimes schedule(String name) throws RepsJsonException {
            String text = string(name);
            if (text.length() != 2 * ReplTimes.SIZE) {
                throw new RepsJsonException(key(name), "must be " + 2 * ReplTimes.SIZE + " hex digits ("
                        + ReplTimes.SIZE + " bytes), not " + text.length());
            }
            try {
                return new ReplTimes(Bytes.fromHex(text));
            } catch (IllegalArgumentException e) {
                throw new RepsJsonException(key(name), e.getMessage());
            }
        }

        private BigInteger integer(String name) throws RepsJsonException {
            JsonNode value = node.get(name);
            if (!value.isIntegralNumber()) {
                throw new RepsJsonException(key(name), "must be an integer, not " + value);
            }
            return value.bigIntegerValue();
        }

        private String key(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}
