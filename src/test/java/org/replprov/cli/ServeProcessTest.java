package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.state.StateStore;

/**
 * {@code replprov serve} as a process, the way an operator or systemd runs it: started from a configuration file
 * (with the test class path's fake engine), serving, then stopped by SIGTERM: a graceful stop that closes the object
 * manager and its state, logged in the configured JSON format.
 */
class ServeProcessTest {

    private static final Pattern READY = Pattern.compile("listening on \\[(http:(?:\\\\)?/(?:\\\\)?/[0-9.]+:[0-9]+"
            + "(?:\\\\)?/)]");

    /** A running {@code serve} process, the file it logs to, and where it listens. */
    record Serve(Process process, Path log, URI uri) {
        List<String> lines() throws IOException {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        }
    }

    /**
     * Starts {@code serve --config file} with this JVM's class path, its output going to a file, and waits until it
     * logs that it is ready.
     */
    static Serve start(Path config) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = config.resolveSibling("serve.log");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--config", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (p.isAlive() && System.currentTimeMillis() < deadline) {
            Matcher m = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return new Serve(p, log, URI.create(m.group(1).replace("\\/", "/")));
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("serve did not get ready; output: " + Files.readString(log));
    }

    static Path config(Path dir, String extra) throws IOException {
        Path file = dir.resolve("replprov.yaml");
        Files.writeString(file, """
                listeners:
                  - {address: 127.0.0.1, port: 0}
                engine:
                  name: fake
                stateDirectory: state
                """ + extra);
        return file;
    }

    @Test
    void servesUntilSigtermThenStopsGracefully(@TempDir Path dir) throws Exception {
        Serve serve = start(config(dir, "log: {format: json}\n"));
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
        assertThat(dir.resolve("state").resolve(StateStore.FILE_NAME)).exists();
    }
}
