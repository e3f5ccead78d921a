package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.server.config.DaemonConfig;

/**
 * The shipped example configuration as {@code replprov serve} runs it without --config: its demo inbound connection
 * is Online at once, and the README tour works (a file put upstream arrives with ForceReplication). Run in a
 * temporary directory, as if it were the working directory, on a free port.
 */
class ExampleConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String WQL = "SELECT PartnerName, Inbound, State, LastSyncTime FROM DfsrConnectionInfo";

    @TempDir
    Path dir;

    /** The example as {@link DaemonConfig#example()} reads it, but with {@code dir} as the working directory. */
    private DaemonConfig example() throws Exception {
        String text;
        try (InputStream in = DaemonConfig.class.getResourceAsStream(DaemonConfig.EXAMPLE_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String type = "    type: embedded\n";
        assertThat(text).contains(type);
        DaemonConfig c = DaemonConfig.parse("replprov.example.yaml",
                text.replace(type, type + "    baseDirectory: " + JSON.writeValueAsString(dir.toString()) + "\n"), dir);
        return new DaemonConfig(c.source(), List.of(new DaemonConfig.Listener("127.0.0.1", 0,
                c.listeners().get(0).tls())), c.security(), c.engines(), c.stateDirectory(), c.log(), c.limits());
    }

    /** The only DfsrConnectionInfo instance: path and properties. */
    private static JsonNode connection(URI uri) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri.resolve("/api/v1/query?q="
                + URLEncoder.encode(WQL, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode instances = JSON.readTree(r.body()).get("instances");
        assertThat(instances).as(r.body()).hasSize(1);
        return instances.get(0);
    }

    private static JsonNode awaitConnection(URI uri, String what, Predicate<JsonNode> done)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode c = connection(uri);
        while (!done.test(c)) {
            assertThat(System.nanoTime()).as("waiting for " + what + "; last: " + c).isLessThan(deadline);
            Thread.sleep(50);
            c = connection(uri);
        }
        return c;
    }

    @Test
    void theDemoConnectionIsOnlineAndForceReplicationBringsANewFile() throws Exception {
        DaemonConfig config = example();
        Path upstream = dir.resolve("state/demo/upstream/docs");
        Path replica = dir.resolve("state/demo/replica/docs");
        try (Backend backend = Backend.open(config, Clock.systemUTC());
             Daemon daemon = Daemon.builder(config, backend).buildAndStart()) {
            URI uri = daemon.endpoints().get(0);
            JsonNode online = awaitConnection(uri, "State = 1 with a sync", c -> c.at("/properties/State").asInt() == 1
                    && !c.at("/properties/LastSyncTime").isNull() && Files.exists(replica.resolve("README.txt")));
            assertThat(online.at("/properties/PartnerName").asText()).isEqualTo("demo-upstream");
            assertThat(online.at("/properties/Inbound").asBoolean()).isTrue();
            assertThat(dir.resolve("state/engines/embedded").resolve("embedded.db")).as("the instance's own state")
                    .isRegularFile();
            String firstSync = online.at("/properties/LastSyncTime").asText();

            Files.writeString(upstream.resolve("hello.txt"), "hi\n");
            String body = JSON.writeValueAsString(Map.of("path", online.get("path").asText(),
                    "method", "ForceReplication",
                    "parameters", Map.of("Mode", 2, "DurationInMin", 5, "Bandwidth", 15)));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri.resolve("/api/v1/invoke"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

            awaitConnection(uri, "a newer LastSyncTime", c -> Files.exists(replica.resolve("hello.txt"))
                    && !c.at("/properties/LastSyncTime").asText().equals(firstSync));
            assertThat(Files.readString(replica.resolve("hello.txt"))).isEqualTo("hi\n");
        }
    }
}
