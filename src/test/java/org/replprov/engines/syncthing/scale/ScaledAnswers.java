package org.replprov.engines.syncthing.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The answers of a Syncthing instance with {@code devices} remote devices and {@code folders} folders, each folder
 * shared with {@code sharing} of the devices (folder i with devices i, i+1, … modulo {@code devices}), all
 * connected, idle and in sync: made from {@link RecordedAnswers} by copying the recorded entries of the one partner
 * and the one folder and changing only their IDs, names and addresses.
 */
public final class ScaledAnswers {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final RecordedAnswers recorded;
    private final List<String> deviceIds = new ArrayList<>();
    private final List<String> folderIds = new ArrayList<>();
    private final int sharing;
    private final ObjectNode config;
    private final ObjectNode connections;

    public ScaledAnswers(RecordedAnswers recorded, int devices, int folders, int sharing) {
        if (sharing > devices) {
            throw new IllegalArgumentException("a folder cannot be shared with " + sharing + " of " + devices
                    + " devices");
        }
        this.recorded = recorded;
        this.sharing = sharing;
        for (int i = 0; i < devices; i++) {
            deviceIds.add(deviceId("scale-device-" + i));
        }
        for (int i = 0; i < folders; i++) {
            folderIds.add(String.format(Locale.ROOT, "f%03d", i));
        }
        config = scaleConfig();
        connections = scaleConnections();
    }

    public List<String> deviceIds() {
        return List.copyOf(deviceIds);
    }

    public List<String> folderIds() {
        return List.copyOf(folderIds);
    }

    /** The devices folder {@code i} is shared with, besides the local one. */
    public List<String> sharedWith(int folder) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < sharing; k++) {
            out.add(deviceIds.get((folder + k) % deviceIds.size()));
        }
        return out;
    }

    /** Folder-partner pairs: each is one backlog per direction. */
    public int pairs() {
        return folderIds.size() * sharing;
    }

    public JsonNode status() {
        return recorded.get(RecordedAnswers.STATUS);
    }

    public JsonNode config() {
        return config;
    }

    public JsonNode connections() {
        return connections;
    }

    /** {@code /rest/db/status} of any folder: the recorded one (idle, in sync). */
    public JsonNode folderStatus() {
        return recorded.get(RecordedAnswers.DB_STATUS);
    }

    public JsonNode folderErrors(String folder) {
        ObjectNode e = recorded.get(RecordedAnswers.FOLDER_ERRORS).deepCopy();
        if (e.has("folder")) {
            e.put("folder", folder);
        }
        return e;
    }

    public JsonNode completion() {
        return recorded.get(RecordedAnswers.COMPLETION);
    }

    public JsonNode need() {
        return recorded.get(RecordedAnswers.NEED);
    }

    /** A {@code ConfigSaved} event numbered {@code id}, carrying the scaled configuration as Syncthing does. */
    public ObjectNode configSaved(long id) {
        ObjectNode e = recorded.get(RecordedAnswers.EVENT_CONFIG_SAVED).deepCopy();
        e.put("id", id);
        e.put("globalID", id);
        e.set("data", config);
        return e;
    }

    /** A {@code FolderSummary} event of {@code folder} numbered {@code id}: the recorded summary, renamed. */
    public ObjectNode folderSummary(long id, String folder) {
        ObjectNode e = recorded.get(RecordedAnswers.EVENT_FOLDER_SUMMARY).deepCopy();
        e.put("id", id);
        e.put("globalID", id);
        ((ObjectNode) e.get("data")).put("folder", folder);
        return e;
    }

    private ObjectNode scaleConfig() {
        ObjectNode c = recorded.get(RecordedAnswers.CONFIG).deepCopy();
        ArrayNode devices = (ArrayNode) c.get("devices");
        ObjectNode local = null;
        ObjectNode partner = null;
        for (JsonNode d : devices) {
            if (d.path("deviceID").asText().equals(recorded.myId())) {
                local = (ObjectNode) d;
            } else if (d.path("deviceID").asText().equals(recorded.partner())) {
                partner = (ObjectNode) d;
            }
        }
        if (local == null || partner == null) {
            throw new IllegalStateException("the recorded configuration lacks the local device or the partner");
        }
        devices.removeAll();
        devices.add(local);
        for (int i = 0; i < deviceIds.size(); i++) {
            ObjectNode d = partner.deepCopy();
            d.put("deviceID", deviceIds.get(i));
            d.put("name", String.format(Locale.ROOT, "member-%02d", i));
            d.putArray("addresses").add("tcp://127.0.0.1:" + (30000 + i));
            devices.add(d);
        }
        ArrayNode folders = (ArrayNode) c.get("folders");
        ObjectNode template = null;
        for (JsonNode f : folders) {
            if (f.path("id").asText().equals(recorded.folder())) {
                template = (ObjectNode) f;
            }
        }
        if (template == null) {
            throw new IllegalStateException("the recorded configuration lacks folder " + recorded.folder());
        }
        ObjectNode localShare = null;
        ObjectNode partnerShare = null;
        for (JsonNode d : template.get("devices")) {
            if (d.path("deviceID").asText().equals(recorded.myId())) {
                localShare = (ObjectNode) d;
            } else if (d.path("deviceID").asText().equals(recorded.partner())) {
                partnerShare = (ObjectNode) d;
            }
        }
        folders.removeAll();
        for (int i = 0; i < folderIds.size(); i++) {
            ObjectNode f = template.deepCopy();
            f.put("id", folderIds.get(i));
            f.put("label", folderIds.get(i));
            f.put("path", template.path("path").asText().replace(recorded.folder(), folderIds.get(i)));
            ArrayNode shares = f.putArray("devices");
            shares.add(localShare.deepCopy());
            for (String d : sharedWith(i)) {
                shares.add(partnerShare.deepCopy().put("deviceID", d));
            }
            folders.add(f);
        }
        return c;
    }

    private ObjectNode scaleConnections() {
        ObjectNode c = recorded.get(RecordedAnswers.CONNECTIONS).deepCopy();
        ObjectNode all = (ObjectNode) c.get("connections");
        JsonNode local = all.get(recorded.myId());
        JsonNode partner = all.get(recorded.partner());
        if (partner == null || !partner.path("connected").asBoolean()) {
            throw new IllegalStateException("the recorded connections lack a connected partner: " + all);
        }
        all.removeAll();
        if (local != null) {
            all.set(recorded.myId(), local);
        }
        for (int i = 0; i < deviceIds.size(); i++) {
            ObjectNode d = partner.deepCopy();
            d.put("address", "127.0.0.1:" + (30000 + i));
            all.set(deviceIds.get(i), d);
        }
        return c;
    }

    /** A device ID of Syncthing's form (eight groups of seven base32 characters) from a name. */
    static String deviceId(String name) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 56; i++) {
            if (i > 0 && i % 7 == 0) {
                s.append('-');
            }
            s.append(BASE32.charAt((h[i % h.length] & 0xff) >> 3 ^ (i / h.length)));
        }
        return s.toString();
    }
}
