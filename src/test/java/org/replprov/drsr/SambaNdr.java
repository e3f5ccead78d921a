package org.replprov.drsr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Samba's own NDR code for {@code repsFromToBlob} and {@code replUpToDateVectorBlob}, reached through one
 * long-lived {@code python3} process running {@code drsr/samba_reps_ndr.py} (a test resource) with Debian's
 * python3-samba. Requests and answers are JSON lines; a batch is written on a second thread while answers are read,
 * so neither side can block the other on a full pipe.
 *
 * <p>A missing interpreter or library fails the test with the command that installs it: the cross-check is part of
 * the suite, never skipped.
 */
final class SambaNdr implements AutoCloseable {

    static final String INSTALL_HINT = "apt-get install python3-samba";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader answers;

    private SambaNdr(Process process) {
        this.process = process;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static SambaNdr start() {
        Process process;
        try {
            process = new ProcessBuilder(python(), script().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot run python3 for the Samba cross-check (" + e.getMessage() + "); install: "
                    + INSTALL_HINT, e);
        }
        SambaNdr samba = new SambaNdr(process);
        JsonNode hello = samba.readAnswer();
        if (hello == null || !hello.path("ready").asBoolean()) {
            samba.close();
            throw new AssertionError("python3-samba is not usable ("
                    + (hello == null ? "no answer" : hello.path("error").asText()) + "); install: " + INSTALL_HINT);
        }
        return samba;
    }

    /** Python3-samba lives in Debian's dist-packages, which only the system interpreter sees. */
    private static String python() {
        Path system = Path.of("/usr/bin/python3");
        return Files.isExecutable(system) ? system.toString() : "python3";
    }

    private static Path script() {
        try {
            return Path.of(SambaNdr.class.getResource("/drsr/samba_reps_ndr.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode unpack(byte[] blob) {
        return MAPPER.createObjectNode().put("op", "unpack").put("hex", Bytes.of(blob).toHex());
    }

    static ObjectNode pack(JsonNode fields) {
        ObjectNode request = MAPPER.createObjectNode().put("op", "pack");
        request.set("fields", fields);
        return request;
    }

    static ObjectNode utdvUnpack(byte[] blob) {
        return MAPPER.createObjectNode().put("op", "utdv_unpack").put("hex", Bytes.of(blob).toHex());
    }

    static ObjectNode utdvPack(JsonNode fields) {
        ObjectNode request = MAPPER.createObjectNode().put("op", "utdv_pack");
        request.set("fields", fields);
        return request;
    }

    /** Sends every request and returns the answers in the same order. */
    List<JsonNode> ask(List<ObjectNode> batch) {
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                for (ObjectNode request : batch) {
                    requests.write(request.toString());
                    requests.newLine();
                }
                requests.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<JsonNode> replies = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode answer = readAnswer();
            if (answer == null) {
                throw new AssertionError("the Samba helper stopped after " + i + " of " + batch.size() + " answers");
            }
            replies.add(answer);
        }
        writing.join();
        return replies;
    }

    private JsonNode readAnswer() {
        try {
            String line = answers.readLine();
            return line == null ? null : MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            requests.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
