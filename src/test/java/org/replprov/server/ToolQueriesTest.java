package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.replprov.testing.TestDaemon;
import org.replprov.testing.TestMembers;
import org.replprov.testing.TestMembers.Member;
import org.replprov.testing.Vectors;

/**
 * The queries of the public DFSR monitoring tools (docs/dfsr-classes.md, "What the tools query";
 * {@code vectors/tool-queries/queries.tsv}), typed as the tools type them, against two members of the embedded demo
 * once the branch has replicated: each parses, and returns the rows and values a person checking by hand expects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolQueriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FILE = Vectors.dir("tool-queries").resolve("queries.tsv");

    private Path dir;
    private TestMembers members;
    private Map<String, Member> byName;
    private Map<String, String> vars;

    @BeforeAll
    void twoMembers() throws Exception {
        dir = Files.createTempDirectory("tool-queries");
        members = TestMembers.http(dir);
        TestMembers.write(members.folder("hub").resolve("a.txt"), "alpha");
        Member hub = members.start("hub", Map.of());
        Member branch = members.start("branch1", members.inbound("hub", members.home("hub").toUri()));
        TestMembers.awaitFile(branch.folder().resolve("a.txt"), "alpha");
        JsonNode in = branch.connection("Inbound = TRUE", c -> c.get("State").asInt() == 1
                && TestMembers.isTime(c, "LastSuccessfulSyncTime"));
        JsonNode out = hub.connection("Inbound = FALSE", c -> c.get("State").asInt() == 1);
        JsonNode folder = branch.await(TestMembers.DFSR, "SELECT * FROM DfsrReplicatedFolderInfo WHERE State = 4",
                i -> i.size() == 1).get(0).get("properties");
        hub.await(TestMembers.DFSR, "SELECT * FROM DfsrReplicatedFolderInfo WHERE State = 4", i -> i.size() == 1);
        byName = Map.of("hub", hub, "branch1", branch);
        vars = Map.of("${group}", in.get("ReplicationGroupGuid").asText(),
                "${folder}", folder.get("ReplicatedFolderGuid").asText(),
                "${inbound}", in.get("ConnectionGuid").asText(),
                "${outbound}", out.get("ConnectionGuid").asText());
    }

    @AfterAll
    void stop() {
        if (members != null) {
            members.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachToolQuery() {
        List<String> lines = Vectors.read(FILE).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(lines).hasSizeGreaterThan(20);
        return lines.stream().map(line -> {
            String[] f = line.split("\t", -1);
            assertThat(f).as(line).hasSize(5);
            return DynamicTest.dynamicTest(f[0] + " on " + f[1] + ": " + f[3], () -> run(f[1], f[2], fill(f[3]),
                    fill(f[4])));
        });
    }

    private String fill(String text) {
        for (Map.Entry<String, String> v : vars.entrySet()) {
            text = text.replace(v.getKey(), v.getValue());
        }
        return text;
    }

    private void run(String member, String namespace, String wql, String expected) throws Exception {
        Member m = byName.get(member);
        assertThat(m).as("member " + member).isNotNull();
        HttpResponse<String> r = m.send(HttpRequest.newBuilder(m.resolve("/api/v1/query?namespace="
                + URLEncoder.encode(namespace, StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(wql, StandardCharsets.UTF_8))), TestDaemon.READER);
        JsonNode body = JSON.readTree(r.body());
        if (expected.startsWith("error ")) {
            assertThat(body.at("/error/name").asText()).as(wql + " -> " + r.body())
                    .isEqualTo(expected.substring("error ".length()));
            return;
        }
        assertThat(r.statusCode()).as(wql + " -> " + r.body()).isEqualTo(200);
        String[] parts = expected.split(";\\s*");
        JsonNode instances = body.get("instances");
        assertThat(instances.size()).as(wql + " -> " + instances).isEqualTo(Integer.parseInt(parts[0].trim()));
        for (String p : Arrays.asList(parts).subList(1, parts.length)) {
            String name = p.substring(0, p.indexOf('='));
            String value = p.substring(p.indexOf('=') + 1);
            for (JsonNode i : instances) {
                JsonNode v = i.get("properties").get(name);
                String what = wql + ": " + name + " of " + i;
                switch (value) {
                    case "*" -> assertThat(v != null && !v.isNull()).as(what).isTrue();
                    case "NULL" -> assertThat(v == null || v.isNull()).as(what).isTrue();
                    default -> assertThat(v == null ? null : v.asText()).as(what).isEqualTo(value);
                }
            }
        }
    }
}
