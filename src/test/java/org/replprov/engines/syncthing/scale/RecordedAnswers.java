package org.replprov.engines.syncthing.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.replprov.testing.SyncthingCluster;

/**
 * Real answers of a Syncthing instance, recorded from the three-instance fixture at rest, for each REST endpoint the
 * {@code syncthing} engine reads: the shapes {@link ScaledAnswers} multiplies. The events are the latest
 * {@code ConfigSaved} and {@code FolderSummary} of Syncthing's default subscription, made by changing an option
 * and scanning a folder just before.
 *
 * @param myId the recorded instance's device ID
 * @param partner a remote device that shares {@code folder} with it
 * @param folder a folder shared by all three
 * @param answers endpoint (path and query, without the key) → its JSON answer
 */
public record RecordedAnswers(String myId, String partner, String folder, Map<String, JsonNode> answers) {

    static final ObjectMapper JSON = new ObjectMapper();

    public static final String STATUS = "rest/system/status";
    public static final String CONFIG = "rest/config";
    public static final String CONNECTIONS = "rest/system/connections";
    public static final String DB_STATUS = "rest/db/status";
    public static final String FOLDER_ERRORS = "rest/folder/errors";
    public static final String COMPLETION = "rest/db/completion";
    public static final String NEED = "rest/db/need";
    public static final String EVENT_CONFIG_SAVED = "event:ConfigSaved";
    public static final String EVENT_FOLDER_SUMMARY = "event:FolderSummary";

    public RecordedAnswers {
        answers = Map.copyOf(answers);
    }

    public JsonNode get(String endpoint) {
        return Objects.requireNonNull(answers.get(endpoint), endpoint);
    }

    /** Records instance {@code a} of {@code cluster} (plain HTTP), once its folder {@code tri} is idle and in sync. */
    public static RecordedAnswers record(SyncthingCluster cluster) throws Exception {
        SyncthingCluster.Instance a = cluster.get("a");
        String partner = cluster.get("b").deviceId();
        String folder = "tri";
        HttpClient http = HttpClient.newHttpClient();
        // Events to copy: a ConfigSaved (an option changed and back) and a FolderSummary (after a scan). Syncthing
        // makes folder summaries only while someone polls for events, and a filtered subscription exists from its
        // first request: so it is opened first.
        String events = "rest/events?events=ConfigSaved,FolderSummary&limit=1000&since=";
        get(http, a, events + "0&timeout=0");
        a.client().setLimitBandwidthInLan(true);
        a.client().setLimitBandwidthInLan(false);
        a.client().scan(folder);
        long deadline = System.nanoTime() + 30_000_000_000L;
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        while (true) {
            JsonNode s = get(http, a, DB_STATUS + "?folder=" + folder);
            JsonNode c = get(http, a, COMPLETION + "?folder=" + folder + "&device=" + partner);
            if ("idle".equals(s.path("state").asText()) && s.path("needTotalItems").asLong() == 0
                    && c.path("needItems").asLong() == 0 && c.path("completion").asDouble() == 100) {
                answers.put(DB_STATUS, s);
                answers.put(COMPLETION, c);
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("folder " + folder + " of a is not idle and in sync: " + s + " " + c);
            }
            Thread.sleep(200);
        }
        Thread.sleep(3000); // FolderSummary is sent a little after the scan
        answers.put(STATUS, get(http, a, STATUS));
        answers.put(CONFIG, get(http, a, CONFIG));
        answers.put(CONNECTIONS, get(http, a, CONNECTIONS));
        answers.put(FOLDER_ERRORS, get(http, a, FOLDER_ERRORS + "?folder=" + folder + "&page=1&perpage=1000"));
        answers.put(NEED, get(http, a, NEED + "?folder=" + folder + "&page=1&perpage=100"));
        Map<String, JsonNode> found = new LinkedHashMap<>();
        List<String> seen = new java.util.ArrayList<>();
        while (found.size() < 2) {
            for (JsonNode e : get(http, a, events + "0&timeout=1")) {
                String type = e.path("type").asText();
                seen.add(type);
                if (type.equals("ConfigSaved")
                        || type.equals("FolderSummary") && folder.equals(e.at("/data/folder").asText())) {
                    found.put(type, e);
                }
            }
            if (System.nanoTime() > deadline + 30_000_000_000L) {
                // Only the types: ConfigSaved carries the configuration, API key included.
                throw new IllegalStateException("Syncthing sent no ConfigSaved and FolderSummary of " + folder
                        + " to record; it sent " + seen);
            }
        }
        found.forEach((type, e) -> answers.put("event:" + type, e));
        // The recorded key is of no use to the double, and is not carried into its answers.
        ((com.fasterxml.jackson.databind.node.ObjectNode) answers.get(CONFIG).path("gui")).put("apiKey", "");
        ((com.fasterxml.jackson.databind.node.ObjectNode) found.get("ConfigSaved").at("/data/gui")).put("apiKey", "");
        return new RecordedAnswers(a.deviceId(), partner, folder, answers);
    }

    private static JsonNode get(HttpClient http, SyncthingCluster.Instance i, String pathAndQuery)
            throws IOException, InterruptedException {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        StringBuilder query = new StringBuilder();
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.append(query.isEmpty() ? "?" : "&").append(pair, 0, eq + 1)
                        .append(URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        URI uri = i.guiUrl().resolve("/" + path + query);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("X-API-Key", i.apiKey()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /" + pathAndQuery + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
