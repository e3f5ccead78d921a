package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.state.StateStore;

/**
 * {@code replprov serve} as a process, the way an operator or systemd runs it: started from a configuration file
 * (with the test class path's fake engine), serving, then stopped by SIGTERM: a graceful stop that closes the object
 * manager and its state, logged in the configured JSON format.
 */
class ServeProcessTest {

    private static Path config(Path dir, String extra) throws IOException {
        Path file = dir.resolve("replprov.yaml");
        Files.writeString(file, """
                listeners:
                  - {address: 127.0.0.1, port: 0}
                engines:
                  fake: {type: fake}
                stateDirectory: state
                """ + extra);
        return file;
    }

    @Test
    void servesUntilSigtermThenStopsGracefully(@TempDir Path dir) throws Exception {
        long launched = System.nanoTime();
        ServeProcess serve = ServeProcess.start(config(dir, "log: {format: json}\n"));
        long waitedMillis = (System.nanoTime() - launched) / 1_000_000;
        try {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    serve.uri().resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> classes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    serve.uri().resolve("/api/v1/classes")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(classes.body()).contains("\"DfsrConnectionInfo\"");

            serve.process().destroy(); // SIGTERM
            assertThat(serve.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.process().exitValue()).as("the JVM's exit status after SIGTERM").isEqualTo(143);
        } finally {
            serve.process().destroyForcibly();
        }
        List<String> messages = serve.lines().stream().filter(l -> l.startsWith("{"))
                .map(l -> {
                    try {
                        return new ObjectMapper().readTree(l).path("formattedMessage").asText();
                    } catch (IOException e) {
                        throw new IllegalStateException(l, e);
                    }
                }).toList();
        assertThat(messages).as("JSON log lines, in order").containsSubsequence("Stop requested (signal)",
                "Object manager closed; state saved");
        assertThat(messages).anyMatch(m -> m.startsWith("Stopped in "));
        // "Ready in" is what the operator waited, from process start: most of the time this test waited for it (it
        // once counted only the listeners' start, tens of milliseconds out of seconds).
        long readyMillis = messages.stream().filter(m -> m.startsWith("Ready in ")).findFirst()
                .map(m -> Long.parseLong(m.substring("Ready in ".length(), m.indexOf(" ms")))).orElseThrow();
        assertThat(readyMillis).isBetween(waitedMillis / 2, waitedMillis + 1000);
        assertThat(dir.resolve("state").resolve(StateStore.FILE_NAME)).exists();
    }
}
