package org.replprov.engines.windows.wmio;

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
import java.util.concurrent.TimeUnit;

/**
 * impacket's own MS-WMIO code ({@code impacket.dcerpc.v5.dcom.wmi}), reached through one {@code python3} process
 * running {@code wmio/impacket_wmio.py} (a test resource) with Debian's python3-impacket. Requests and answers are
 * JSON lines, one at a time.
 *
 * <p>A missing interpreter or library fails the test with the command that installs it: the cross-check is part of
 * the suite, never skipped.
 */
final class Impacket implements AutoCloseable {

    static final String INSTALL_HINT = "apt-get install python3-impacket";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader answers;

    private Impacket(Process process) {
        this.process = process;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Impacket start() {
        Process process;
        try {
            process = new ProcessBuilder(python(), script().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot run python3 for the impacket cross-check (" + e.getMessage()
                    + "); install: " + INSTALL_HINT, e);
        }
        Impacket impacket = new Impacket(process);
        JsonNode hello = impacket.read();
        if (hello == null || !hello.path("ready").asBoolean()) {
            impacket.close();
            throw new AssertionError("python3-impacket is not usable ("
                    + (hello == null ? "no answer" : hello.path("error").asText()) + "); install: " + INSTALL_HINT);
        }
        return impacket;
    }

    /** python3-impacket lives in Debian's dist-packages, which only the system interpreter sees. */
    private static String python() {
        Path system = Path.of("/usr/bin/python3");
        return Files.isExecutable(system) ? system.toString() : "python3";
    }

    private static Path script() {
        try {
            return Path.of(Impacket.class.getResource("/wmio/impacket_wmio.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** impacket's view of an EncodingUnit. */
    JsonNode parse(byte[] unit) {
        return ask(MAPPER.createObjectNode().put("op", "parse").put("hex", WmioVectors.hex(unit))).path("object");
    }

    /** An instance of the class in {@code classUnit}, spawned and marshalled by impacket with {@code values}. */
    byte[] spawn(byte[] classUnit, ObjectNode values) {
        ObjectNode request = MAPPER.createObjectNode().put("op", "spawn").put("hex", WmioVectors.hex(classUnit));
        request.set("values", values);
        return hexOf(ask(request));
    }

    /** The in-parameters impacket sends when calling {@code method} of the class in {@code classUnit}. */
    byte[] call(byte[] classUnit, String method, Object... args) {
        ObjectNode request = MAPPER.createObjectNode().put("op", "call").put("hex", WmioVectors.hex(classUnit))
                .put("method", method);
        request.set("args", MAPPER.valueToTree(args));
        return hexOf(ask(request));
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    private static byte[] hexOf(JsonNode answer) {
        return java.util.HexFormat.of().parseHex(answer.path("hex").asText());
    }

    private JsonNode ask(ObjectNode request) {
        try {
            requests.write(request.toString());
            requests.newLine();
            requests.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode answer = read();
        if (answer == null) {
            throw new AssertionError("the impacket helper stopped");
        }
        if (!answer.path("ok").asBoolean()) {
            throw new AssertionError("impacket refused " + request.path("op").asText() + ": "
                    + answer.path("error").asText());
        }
        return answer;
    }

    private JsonNode read() {
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
