package org.replprov.engines.sambaad;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimTimestamp;
import org.replprov.server.Backend;
import org.replprov.server.Daemon;
import org.replprov.server.config.DaemonConfig;
import org.replprov.testing.JsonApi;
import org.replprov.testing.SambaDomain;
import org.replprov.testing.SambaDomain.DomainController;
import org.replprov.testing.TestDaemon;
import org.replprov.testing.TestMembers;
import org.replprov.testing.Tools;

/**
 * The SYSVOL recipe of docs/engines.md, run as written there, on the two-DC test domain: one daemon for DC2 runs
 * {@code samba-ad} against DC2 and {@code embedded} mirroring DC1's sysvol share (DC1 holds the PDC emulator role)
 * over smb:// with a domain account. A file written to DC1's sysvol appears in DC2's, both engines' connections are
 * Online and the folder "SYSVOL Share" is Normal, as WQL over the daemon's JSON API shows; a file put on DC1's share
 * over SMB afterwards arrives on ForceReplication ("Sync Now").
 */
class SysvolRecipeTest {

    /** How long the mirror and the engines' first passes may take on a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SambaDomain domain;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDomain() throws Exception {
        domain = SambaDomain.start();
    }

    @AfterAll
    static void stopDomain() {
        if (domain != null) {
            domain.close();
        }
    }

    @Test
    @Timeout(300)
    void theDocumentedRecipeMirrorsDc1sSysvolAndEveryConnectionIsOnline() throws Exception {
        DomainController dc1 = domain.dc1();
        DomainController dc2 = domain.dc2();
        String scripts = SambaDomain.DNS_DOMAIN + "/scripts/logon.cmd";
        Path written = dc1.dir().resolve("state/sysvol").resolve(scripts);
        Path mirrored = dc2.dir().resolve("state/sysvol").resolve(scripts);
        Files.writeString(written, "echo replprov\r\n");
        assertThat(mirrored).as("DC2 has no copy before the daemon runs").doesNotExist();

        int port = TestDaemon.freePort();
        String yaml = TestDaemon.yaml("listeners:\n  - address: 127.0.0.1\n    port: " + port + "\n")
                + "stateDirectory: " + JSON.writeValueAsString(dir.resolve("state").toString()) + "\n"
                + recipe(dc1, dc2);
        DaemonConfig config = DaemonConfig.parse("replprov.yaml", yaml, dir);
        Backend backend = Backend.open(config, Clock.systemUTC());
        try (backend; Daemon daemon = Daemon.builder(config, backend).buildAndStart()) {
            JsonApi api = new JsonApi(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:" + port + "/"),
                    TestDaemon.READER, TestDaemon.PASSWORD);

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.exists(mirrored) || !Files.readString(mirrored).equals("echo replprov\r\n")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(scripts + " did not reach DC2's sysvol within " + WAIT + "; DC1:\n"
                            + dc1.log());
                }
                Thread.sleep(200);
            }

            // Online (1) for both engines: the mirror's inbound connection in the SYSVOL group, and samba-ad's
            // connections with DC1 in the domain's group (inbound from repsFrom, outbound from repsTo).
            List<JsonNode> connections = await(api, "SELECT * FROM DfsrConnectionInfo", all -> all.size() >= 3
                    && all.stream().allMatch(c -> c.path("State").asInt() == 1));
            assertThat(connections).allSatisfy(c -> {
                assertThat(c.get("MemberName").asText()).isEqualTo("dc2");
                assertThat(c.get("PartnerName").asText()).isEqualTo("dc1");
            });
            assertThat(connections).extracting(c -> c.get("ReplicationGroupName").asText() + " "
                    + (c.get("Inbound").asBoolean() ? "inbound" : "outbound")).containsExactlyInAnyOrder(
                    "Domain System Volume inbound", SambaDomain.DNS_DOMAIN + " inbound",
                    SambaDomain.DNS_DOMAIN + " outbound");

            // A Group Policy edit on the PDC emulator, made over SMB as an administrator makes it, arrives on
            // "Sync Now" (ForceReplication Mode 2 on the mirror's connection), well before the recipe's 60 s poll.
            String gptText = "[General]\r\nVersion=2\r\n";
            Path gpt = Files.writeString(dir.resolve("GPT.INI"), gptText);
            SambaDomain.ToolResult put = dc1.run(Duration.ofSeconds(60), List.of(Tools.require("smbclient",
                    "smbclient"), "-s", dc1.smbConf().toString(), "//" + dc1.address() + "/sysvol", "-U",
                    SambaDomain.ADMIN, "-W", SambaDomain.NETBIOS_DOMAIN, "-c", "put " + gpt + " "
                    + SambaDomain.DNS_DOMAIN + "/GPT.INI"), true);
            assertThat(put.ok()).as(put.toString()).isTrue();
            JsonNode mirror = connections.stream().filter(c -> c.get("ReplicationGroupName").asText()
                    .equals("Domain System Volume")).findFirst().orElseThrow();
            String connection = mirror.get("ConnectionGuid").asText();
            // The next poll, as the connection announced it: the file must arrive before it, or the poll brought it.
            Instant nextPoll = CimTimestamp.parse(mirror.get("NextSyncTime").asText()).toInstant().orElseThrow();
            JsonNode forced = invoke(api, "DfsrConnectionInfo.ConnectionGuid=\"" + connection + "\"",
                    "ForceReplication", Map.of("Mode", 2, "DurationInMin", 1, "Bandwidth", 15));
            assertThat(forced.get("returnValue").asLong()).as(forced.toString()).isZero();
            Path gptMirrored = dc2.dir().resolve("state/sysvol/" + SambaDomain.DNS_DOMAIN + "/GPT.INI");
            while (!Files.exists(gptMirrored) || !Files.readString(gptMirrored).equals(gptText)) {
                assertThat(Instant.now()).as("GPT.INI on DC2 after Sync Now, before the next poll").isBefore(nextPoll);
                Thread.sleep(100);
            }

            List<JsonNode> folder = await(api, "SELECT * FROM DfsrReplicatedFolderInfo WHERE ReplicatedFolderName = "
                    + "'SYSVOL Share'", f -> f.size() == 1 && f.get(0).path("State").asInt() == 4);
            assertThat(folder.get(0).get("ReplicationGroupName").asText()).isEqualTo("Domain System Volume");
            assertThat(folder.get(0).get("MemberName").asText()).isEqualTo("dc2");
        }
    }

    /**
     * The fixture's SMB logins: smbclient in DC1's namespaces, as the domain administrator (NTLMSSP), lists the sysvol
     * share. Without DC1's winbindd where libwbclient looks for it, the session setup failed with
     * NT_STATUS_INTERNAL_ERROR (see SambaDomain).
     */
    @Test
    @Timeout(120)
    void smbclientInDc1sNamespacesLogsInToSysvol() throws Exception {
        DomainController dc1 = domain.dc1();
        SambaDomain.ToolResult ls = dc1.run(Duration.ofSeconds(60), List.of(Tools.require("smbclient", "smbclient"),
                "-s", dc1.smbConf().toString(), "//" + dc1.address() + "/sysvol", "-U", SambaDomain.ADMIN,
                "-W", SambaDomain.NETBIOS_DOMAIN, "-c", "ls"), true);
        assertThat(ls.ok()).as(ls + "\n--- DC1:\n" + dc1.log()).isTrue();
        assertThat(ls.stdout()).contains(SambaDomain.DNS_DOMAIN);
    }

    /**
     * The recipe's YAML from docs/engines.md with what differs on this machine replaced: each replaced text must be
     * in the recipe, so that an edit of the doc that this test no longer runs fails here.
     */
    private String recipe(DomainController dc1, DomainController dc2) throws Exception {
        String doc = Files.readString(Path.of("docs/engines.md"));
        Matcher m = Pattern.compile("### SYSVOL on Samba DCs\n.*?```yaml\n(# [^\n]*\n)(engines:\n.*?)```",
                Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("the SYSVOL recipe in docs/engines.md").isTrue();
        Path password = Files.writeString(dir.resolve("ad.password"), domain.adminPassword() + "\n");
        Map<String, String> site = new LinkedHashMap<>();
        site.put("ldaps://dc2.example.com", dc2.ldapsUrl().toString());
        site.put("user: replmon@EXAMPLE.COM", "user: " + domain.adminUpn());
        site.put("/etc/replprov/ad.password", password.toString());
        site.put("/var/lib/samba/private/tls/ca.pem", dc2.caFile().toString());
        site.put("/var/lib/samba/sysvol", dc2.dir().resolve("state/sysvol").toString());
        site.put("smb://dc1.example.com/sysvol", "smb://127.0.0.1:" + dc1.smbPort() + "/sysvol");
        site.put("user: replmon,", "user: " + SambaDomain.ADMIN + ",");
        site.put("domain: EXAMPLE}", "domain: " + SambaDomain.NETBIOS_DOMAIN + "}");
        // What the DCs' private namespaces need: the certificate names dc2, reached through a forwarded port, and
        // samba-tool runs in DC2's namespaces against its smb.conf.
        List<String> tool = new ArrayList<>(dc2.commandPrefix());
        tool.add("samba-tool");
        site.put("    type: samba-ad\n", "    type: samba-ad\n    tlsHostName: " + dc2.hostName() + "\n    sambaTool: "
                + JSON.writeValueAsString(tool) + "\n    sambaToolOptions: "
                + JSON.writeValueAsString(List.of("-s", dc2.smbConf().toString())) + "\n");
        String yaml = m.group(2);
        for (Map.Entry<String, String> e : site.entrySet()) {
            assertThat(yaml).as("the recipe in docs/engines.md").contains(e.getKey());
            yaml = yaml.replace(e.getKey(), e.getValue());
        }
        assertThat(yaml).as("every site-specific name replaced").doesNotContain("example.com", "EXAMPLE", "replmon");
        return yaml;
    }

    /** Invokes {@code method} on {@code path} as an operator; fails unless the answer is 200. */
    private static JsonNode invoke(JsonApi reader, String path, String method, Map<String, Object> parameters)
            throws Exception {
        ObjectNode body = JSON.createObjectNode().put("path", path).put("method", method);
        body.set("parameters", JSON.valueToTree(parameters));
        JsonApi operator = new JsonApi(reader.http(), reader.base(), TestDaemon.OPERATOR, TestDaemon.PASSWORD);
        HttpResponse<String> r = operator.send(HttpRequest.newBuilder(reader.base().resolve("/api/v1/invoke"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        body.toString())));
        assertThat(r.statusCode()).as(method + " on " + path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /**
     * Repeats a query until the properties of its instances pass {@code done} (within {@link #WAIT}); returns them.
     */
    private static List<JsonNode> await(JsonApi api, String wql, Predicate<List<JsonNode>> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> instances = properties(api.query(TestMembers.DFSR, wql));
        while (!done.test(instances)) {
            assertThat(System.nanoTime()).as("waiting for " + wql + "; last: " + instances).isLessThan(deadline);
            Thread.sleep(200);
            instances = properties(api.query(TestMembers.DFSR, wql));
        }
        return instances;
    }

    private static List<JsonNode> properties(JsonNode instances) {
        return StreamSupport.stream(instances.spliterator(), false).map(i -> i.get("properties")).toList();
    }
}
