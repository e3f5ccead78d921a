package org.replprov.protocol.cimxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * CIM-XML protocol vectors: each {@code vectors/cimxml/<Operation>/<case>.request.txt} is sent byte for byte to a
 * daemon serving the DFSR fixture, and the response must match {@code <case>.response.txt}: the status code, every
 * header the file lists, and the body exactly.
 *
 * <p>File format: leading {@code #} lines are comments (where the request came from, what it shows); then the HTTP
 * request line and headers, a blank line, and the body. The runner sets {@code Content-Length} itself. Run with
 * {@code -Dvectors.update=true} to rewrite the response files from the daemon's answers (keeping their comments), and
 * review the diff like code.
 */
class CimXmlVectorsTest {

    private static final Path ROOT = Path.of("src/test/resources/vectors/cimxml");
    private static final boolean UPDATE = Boolean.getBoolean("vectors.update");
    /** Headers that differ from run to run and are never compared. */
    private static final List<String> VOLATILE = List.of("date", "x-request-id", "content-length");

    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        daemon = TestDaemon.start(FixtureProvider.dfsr().objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    @TestFactory
    Stream<DynamicTest> vectors() throws IOException {
        List<Path> requests;
        try (Stream<Path> files = Files.walk(ROOT)) {
            requests = files.filter(f -> f.toString().endsWith(".request.txt")).sorted().toList();
        }
        assertThat(requests).as("vector files under " + ROOT).isNotEmpty();
        return requests.stream().map(r -> DynamicTest.dynamicTest(ROOT.relativize(r).toString(), () -> run(r)));
    }

    private static void run(Path requestFile) throws IOException {
        RawHttp.Response actual = send(daemon.port(), Files.readString(requestFile, StandardCharsets.UTF_8));
        check(Path.of(requestFile.toString().replace(".request.txt", ".response.txt")), actual,
                UnaryOperator.identity());
    }

    /** Sends a request file's text (comments dropped, {@code Content-Length} set anew) and reads the answer. */
    static RawHttp.Response send(int port, String requestText) throws IOException {
        String[] request = split(withoutComments(requestText));
        StringBuilder head = new StringBuilder();
        for (String line : request[0].split("\n")) {
            if (!line.toLowerCase().startsWith("content-length:")) {
                head.append(line).append("\r\n");
            }
        }
        try (RawHttp http = new RawHttp(port)) {
            return http.exchange(head.toString(), request[1].getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Compares an answer with a response file: the status, every header the file lists, and the body after
     * {@code normalize} (which replaces what differs from run to run). In update mode the file is rewritten first.
     */
    static void check(Path responseFile, RawHttp.Response actual, UnaryOperator<String> normalize)
            throws IOException {
        String body = normalize.apply(actual.text().strip());
        if (UPDATE) {
            write(responseFile, actual, body);
        }
        String[] expected = split(withoutComments(Files.readString(responseFile, StandardCharsets.UTF_8)));
        String[] headLines = expected[0].split("\n");
        assertThat(actual.status()).as("status").isEqualTo(Integer.parseInt(headLines[0].split(" ")[1]));
        for (String h : Arrays.copyOfRange(headLines, 1, headLines.length)) {
            int colon = h.indexOf(':');
            assertThat(actual.header(h.substring(0, colon))).as("header " + h.substring(0, colon))
                    .isEqualTo(h.substring(colon + 1).trim());
        }
        assertThat(body).as("body").isEqualTo(expected[1].strip());
    }

    private static void write(Path responseFile, RawHttp.Response actual, String body) throws IOException {
        StringBuilder out = new StringBuilder();
        if (Files.exists(responseFile)) {
            Files.readAllLines(responseFile).stream().takeWhile(l -> l.startsWith("#"))
                    .forEach(l -> out.append(l).append('\n'));
        }
        out.append("HTTP/1.1 ").append(actual.status()).append('\n');
        for (Map.Entry<String, String> h : actual.headers().entrySet()) {
            if (!VOLATILE.contains(h.getKey()) && !h.getKey().equals("transfer-encoding")) {
                out.append(canonical(h.getKey())).append(": ").append(h.getValue()).append('\n');
            }
        }
        out.append('\n').append(body).append('\n');
        Files.writeString(responseFile, out.toString(), StandardCharsets.UTF_8);
    }

    /** {@code content-type} → {@code Content-Type}; {@code cimoperation} → {@code CIMOperation}. */
    private static String canonical(String name) {
        if (name.equals("www-authenticate")) {
            return "WWW-Authenticate";
        }
        if (name.startsWith("cim")) {
            return "CIM" + Character.toUpperCase(name.charAt(3)) + name.substring(4);
        }
        List<String> parts = new ArrayList<>();
        for (String p : name.split("-")) {
            parts.add(Character.toUpperCase(p.charAt(0)) + p.substring(1));
        }
        return String.join("-", parts);
    }

    static String withoutComments(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(0).startsWith("#")) {
            lines.remove(0);
        }
        return String.join("\n", lines);
    }

    /** Head and body, split at the first empty line. */
    private static String[] split(String message) {
        int blank = message.indexOf("\n\n");
        return blank < 0 ? new String[] {message.strip(), ""}
                : new String[] {message.substring(0, blank).strip(), message.substring(blank + 2)};
    }
}
