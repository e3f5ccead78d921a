package org.replprov.protocol.cimxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * Sequences of pull operations (DSP0200 §5.3.2): each {@code vectors/cimxml-pull/<scenario>/} holds numbered
 * request and response files in the format of {@link CimXmlVectorsTest}, sent in order to one daemon serving ten
 * DfsrConnectionInfo instances ({@link FixtureProvider#numbered}).
 *
 * <p>Enumeration contexts are random, so they are named {@code {{context}}} in the files: in a request it stands for
 * the last context the scenario received, and in the answer that context is replaced by it before comparing. A leading
 * line {@code #! wait 2200ms} pauses before its request is sent (for a context to expire). Run with
 * {@code -Dvectors.update=true} to rewrite the response files.
 */
class CimXmlPullVectorsTest {

    private static final Path ROOT = Path.of("src/test/resources/vectors/cimxml-pull");
    private static final String PLACEHOLDER = "{{context}}";
    private static final Pattern CONTEXT = Pattern.compile(
            "<PARAMVALUE NAME=\"EnumerationContext\" PARAMTYPE=\"string\"><VALUE>([^<]+)</VALUE>");
    private static final Pattern WAIT = Pattern.compile("(?m)^#! wait (\\d+)ms$");

    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        daemon = TestDaemon.start(FixtureProvider.numbered(10).objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        List<Path> scenarios;
        try (Stream<Path> dirs = Files.list(ROOT)) {
            scenarios = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(scenarios).as("scenarios under " + ROOT).isNotEmpty();
        return scenarios.stream().map(s -> DynamicTest.dynamicTest(s.getFileName().toString(), () -> run(s)));
    }

    private static void run(Path scenario) throws IOException, InterruptedException {
        List<Path> requests;
        try (Stream<Path> files = Files.list(scenario)) {
            requests = files.filter(f -> f.toString().endsWith(".request.txt")).sorted().toList();
        }
        assertThat(requests).as("requests in " + scenario).isNotEmpty();
        String context = null;
        for (Path request : requests) {
            String text = Files.readString(request, StandardCharsets.UTF_8);
            Matcher wait = WAIT.matcher(text.substring(0, text.length()
                    - CimXmlVectorsTest.withoutComments(text).length()));
            if (wait.find()) {
                Thread.sleep(Long.parseLong(wait.group(1)));
            }
            if (text.contains(PLACEHOLDER)) {
                assertThat(context).as(request + " needs a context from an earlier answer").isNotNull();
                text = text.replace(PLACEHOLDER, context);
            }
            RawHttp.Response actual = CimXmlVectorsTest.send(daemon.port(), text);
            Matcher received = CONTEXT.matcher(actual.text());
            if (received.find()) {
                context = received.group(1);
            }
            String current = context;
            CimXmlVectorsTest.check(Path.of(request.toString().replace(".request.txt", ".response.txt")), actual,
                    body -> current == null ? body : body.replace(current, PLACEHOLDER));
        }
    }
}
