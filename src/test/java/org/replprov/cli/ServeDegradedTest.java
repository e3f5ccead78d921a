package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.server.security.PasswordHash;

/**
 * {@code serve} as a process with {@code engineFailure: degraded} and an unreadable engine database: it serves, and
 * says everywhere that the engine is down. Also what its log shows of hostile input, and that the access log is off.
 */
class ServeDegradedTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(ServeProcess serve, String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(serve.uri().resolve(path)).header("Authorization", authorization)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEngineThatFailsToStartIsLoggedAndShownInMetricsAndQueries(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("replprov.yaml");
        Files.writeString(config, """
                listeners:
                  - {address: 127.0.0.1, port: 0}
                security:
                  users:
                    - {name: monitor, passwordHash: "%s", roles: [reader]}
                engineFailure: degraded
                engines:
                  embedded:
                    type: embedded
                    baseDirectory: %s
                    group: Demo
                    stateDirectory: state/demo
                    folders:
                      docs: {path: state/demo/replica/docs}
                    inbound:
                      demo-upstream: {upstream: "file:state/demo/upstream", createUpstream: true}
                """.formatted(PasswordHash.create("pw".toCharArray(), PasswordHash.MIN_ITERATIONS), dir));
        Files.createDirectories(dir.resolve("state/demo"));
        Files.writeString(dir.resolve("state/demo/embedded.db"), "garbage\n");
        ServeProcess serve = ServeProcess.start(config);
        try {
            String monitor = basic("monitor:pw");
            HttpResponse<String> metrics = get(serve, "/metrics", monitor);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("replprov_engine_up{engine=\"embedded\",type=\"embedded\"} 0")
                    .contains("replprov_dfsr_service_state 2")
                    .contains("replprov_collector_up{collector=\"dfsr\"} 0");
            HttpResponse<String> health = get(serve, "/healthz", basic("monitor:pw"));
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"degraded\"").contains("\"engine\":\"embedded\"")
                    .contains("\"up\":false").contains("cannot open the ID database");
            HttpResponse<String> service = get(serve, "/api/v1/query?q=" + URLEncoder.encode(
                    "SELECT State FROM DfsrInfo", StandardCharsets.UTF_8), monitor);
            assertThat(service.statusCode()).isEqualTo(200);
            assertThat(service.body()).as("Service Degraded").contains("\"State\":2");
            HttpResponse<String> query = get(serve, "/api/v1/query?q=" + URLEncoder.encode(
                    "SELECT * FROM DfsrConnectionInfo", StandardCharsets.UTF_8), monitor);
            assertThat(query.statusCode()).isGreaterThanOrEqualTo(500);
            assertThat(query.body()).contains("engine 'embedded' did not start: the embedded engine cannot start: "
                    + "cannot open the ID database");

            // A user name that tries to end the log line and forge the next one.
            HttpResponse<String> forged = get(serve, "/metrics",
                    basic("eve\nINFO  [main] Daemon - - - FORGED Ready in 1 ms:x"));
            assertThat(forged.statusCode()).isEqualTo(401);
            HttpResponse<String> huge = get(serve, "/metrics", basic("u".repeat(3_000) + ":x"));
            assertThat(huge.statusCode()).isEqualTo(401);
        } finally {
            serve.process().destroy();
            serve.process().waitFor(20, TimeUnit.SECONDS);
            serve.process().destroyForcibly();
        }
        List<String> lines = serve.lines();
        assertThat(lines).anyMatch(l -> l.contains(" ERROR ") && l.contains("Engine 'embedded' (embedded) failed to start: "
                + "the embedded engine cannot start: cannot open the ID database"));
        assertThat(lines).anyMatch(l -> l.contains(" WARN ") && l.contains("Serving degraded"));
        assertThat(lines).noneMatch(l -> l.contains("FORGED") && !l.contains("eve\\n"));
        assertThat(lines).anyMatch(l -> l.contains("'eve\\nINFO  [main] Daemon - - - FORGED Ready in 1 ms'"));
        assertThat(lines).noneMatch(l -> l.contains("u".repeat(100)));
        assertThat(lines).anyMatch(l -> l.contains("…(cut, 3000 chars)"));
        assertThat(lines).as("the access log is off by default").noneMatch(l -> l.contains("operation=scrape"));
    }
}
