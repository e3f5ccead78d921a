package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.testing.Commands;
import org.replprov.testing.TestDaemon;
import org.replprov.testing.TestMembers;
import org.replprov.testing.TestMembers.Member;

/**
 * DFSR's backlog across two daemons with the embedded engine, as an administrator measures it (docs/dfsr-provider.md
 * §10.3): files added on the hub while the branch's inbound connection is paused (ForceReplication Mode 3), the
 * branch's GetVersionVector, the hub's GetOutboundBacklogFileCount with it — the number of files added; after
 * replication, 0. Through the JSON API and through Debian's wbemcli ({@code cm}), with the replicated-folder state and
 * backlog metrics.
 */
class BacklogMembersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestMembers members;

    @AfterEach
    void stopAll() {
        members.close();
    }

    /** Invokes a method as the operator; returns the answer's JSON ({@code returnValue}, {@code outParameters}). */
    private static JsonNode invoke(Member m, String path, String method, Map<String, Object> parameters)
            throws Exception {
        ObjectNode body = JSON.createObjectNode().put("path", path).put("method", method);
        body.set("parameters", JSON.valueToTree(parameters));
        HttpResponse<String> r = m.send(HttpRequest.newBuilder(m.resolve("/api/v1/invoke"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), TestDaemon.OPERATOR);
        assertThat(r.statusCode()).as(method + " on " + m + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String folderPath(Member m) throws Exception {
        JsonNode f = m.await(TestMembers.DFSR, "SELECT ReplicatedFolderGuid, State FROM DfsrReplicatedFolderInfo "
                + "WHERE ReplicatedFolderName = 'docs' AND State = 4", i -> i.size() == 1).get(0).get("properties");
        return "DfsrReplicatedFolderInfo.ReplicatedFolderGuid=\"" + f.get("ReplicatedFolderGuid").asText() + "\"";
    }

    private static String folderGuid(Member m) throws Exception {
        String path = folderPath(m);
        return path.substring(path.indexOf('"') + 1, path.length() - 1);
    }

    /** The FileName values in wbemcli's print of the embedded instances (escaped INSTANCE text, as it shows it). */
    static List<String> fileNames(String wbemcliOutput) {
        List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "NAME=\"FileName\"[^>]*>\\s*<VALUE>([^<]*)</VALUE>").matcher(wbemcliOutput.replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String versionVector(Member receiver) throws Exception {
        JsonNode r = invoke(receiver, folderPath(receiver), "GetVersionVector", Map.of());
        assertThat(r.get("returnValue").asLong()).as(r.toString()).isZero();
        return r.at("/outParameters/VersionVector").asText();
    }

    private static long backlog(Member sender, String vector) throws Exception {
        JsonNode r = invoke(sender, folderPath(sender), "GetOutboundBacklogFileCount", Map.of("VersionVector", vector));
        assertThat(r.get("returnValue").asLong()).as(r.toString()).isZero();
        return r.at("/outParameters/BacklogFileCount").asLong();
    }

    private static Commands.Result wbemcli(Member m, String path, String call) throws Exception {
        String base = "http://" + TestDaemon.OPERATOR + ":" + TestDaemon.PASSWORD + "@127.0.0.1:" + m.uri().getPort()
                + "/root/MicrosoftDfs:";
        return Commands.run(Duration.ofSeconds(30), List.of("wbemcli", "cm", base + path, call));
    }

    @Test
    void theHubsBacklogTowardsAPausedBranchIsTheFilesAddedAndZeroOnceReplicated() throws Exception {
        members = TestMembers.http(dir);
        TestMembers.write(members.folder("hub").resolve("a.txt"), "alpha");
        Member hub = members.start("hub", Map.of());
        Member branch = members.start("branch1", members.inbound("hub", members.home("hub").toUri()));
        TestMembers.awaitFile(branch.folder().resolve("a.txt"), "alpha");
        assertThat(backlog(hub, versionVector(branch))).as("in sync").isZero();

        String inbound = "DfsrConnectionInfo.ConnectionGuid=\"" + branch.connection("Inbound = TRUE")
                .get("ConnectionGuid").asText() + "\"";
        JsonNode paused = invoke(branch, inbound, "ForceReplication", Map.of("Mode", 3, "DurationInMin", 60,
                "Bandwidth", 0));
        assertThat(paused.get("returnValue").asLong()).isZero();
        branch.connection("Inbound = TRUE", c -> c.get("State").asInt() == 2); // Offline: nothing replicates
        for (String name : List.of("b.txt", "c.txt", "d.txt")) {
            TestMembers.write(hub.folder().resolve(name), name);
        }
        Thread.sleep(500); // what a notification would bring, had the pause not stopped it
        assertThat(branch.folder().resolve("b.txt")).doesNotExist();

        String vector = versionVector(branch);
        assertThat(vector).startsWith("RPVV1:").hasSizeLessThan(200);
        assertThat(backlog(hub, vector)).as("the three files the branch lacks").isEqualTo(3);
        assertThat(backlog(branch, vector)).as("the branch holds what its vector says").isZero();

        // wbemcli, a CIM-XML client, sees the same: the count's ReturnValue and its output parameter.
        Commands.require("wbemcli", "sblim-wbemcli");
        Commands.Result cm = wbemcli(hub, folderPath(hub), "GetOutboundBacklogFileCount.VersionVector=\""
                + vector + "\"");
        assertThat(cm.exitCode()).as(cm.stderr()).isZero();
        assertThat(cm.stdout()).contains("GetOutboundBacklogFileCount: 0", "BacklogFileCount (uint32): 3");
        Commands.Result vv = wbemcli(branch, folderPath(branch), "GetVersionVector");
        assertThat(vv.exitCode()).as(vv.stderr()).isZero();
        assertThat(vv.stdout()).contains("GetVersionVector: 0", "VersionVector (string): " + vector);

        // The records of that backlog: the three files, as embedded DfsrIdRecordInfo instances.
        JsonNode records = invoke(hub, folderPath(hub), "GetOutboundBacklogFileIdRecords",
                Map.of("VersionVector", vector));
        assertThat(records.get("returnValue").asLong()).as(records.toString()).isZero();
        assertThat(records.at("/outParameters/BacklogIdRecords")).extracting(r -> r.at("/properties/FileName")
                .asText()).containsExactly("b.txt", "c.txt", "d.txt");
        assertThat(records.at("/outParameters/BacklogIdRecords")).allSatisfy(r -> {
            assertThat(r.get("className").asText()).isEqualTo("DfsrIdRecordInfo");
            assertThat(r.at("/properties/Uid").asText()).matches("\\{[0-9A-F-]{36}}-v\\d+");
            assertThat(r.at("/properties/Flags").asInt()).as("PRESENT_FLAG: the hub holds it").isEqualTo(1);
        });
        assertThat(records.at("/outParameters/IdRecordIndex").asLong()).isEqualTo(3);
        Commands.Result cmRecords = wbemcli(hub, folderPath(hub), "GetOutboundBacklogFileIdRecords.VersionVector=\""
                + vector + "\"");
        assertThat(cmRecords.exitCode()).as(cmRecords.stderr()).isZero();
        assertThat(cmRecords.stdout()).contains("GetOutboundBacklogFileIdRecords: 0", "IdRecordIndex (uint32): 3");
        assertThat(fileNames(cmRecords.stdout())).as(cmRecords.stdout()).containsExactly("b.txt", "c.txt", "d.txt");
        JsrBacklog.check(hub.uri().getPort(), branch.uri().getPort(), folderGuid(hub), 3,
                List.of("b.txt", "c.txt", "d.txt"));

        // A vector that is not one, or of another folder, is an invalid parameter (87), not a count.
        JsonNode garbage = invoke(hub, folderPath(hub), "GetOutboundBacklogFileCount",
                Map.of("VersionVector", "RPVV1:garbage"));
        assertThat(garbage.get("returnValue").asLong()).isEqualTo(87);
        String otherFolder = "RPVV1:00000000-0000-0000-0000-000000000001" + vector.substring(42);
        assertThat(invoke(hub, folderPath(hub), "GetOutboundBacklogFileCount", Map.of("VersionVector", otherFolder))
                .get("returnValue").asLong()).isEqualTo(87);

        JsonNode resumed = invoke(branch, inbound, "ForceReplication", Map.of("Mode", 2, "DurationInMin", 1,
                "Bandwidth", 15)); // Sync Now at full bandwidth
        assertThat(resumed.get("returnValue").asLong()).isZero();
        TestMembers.awaitFile(branch.folder().resolve("d.txt"), "d.txt");
        long deadline = System.nanoTime() + TestMembers.WAIT.toNanos();
        long after;
        while ((after = backlog(hub, versionVector(branch))) != 0 && System.nanoTime() < deadline) {
            Thread.sleep(100); // the ID table is written as each file is installed; the last one may lag
        }
        assertThat(after).as("after replication").isZero();

        HttpResponse<String> metrics = branch.send(HttpRequest.newBuilder(branch.resolve("/metrics")),
                TestDaemon.READER);
        assertThat(metrics.body().lines()).anyMatch(l -> l.startsWith("replprov_dfsr_replicated_folder_state{")
                && l.contains("folder=\"docs\"") && l.endsWith(" 4"));
        assertThat(metrics.body().lines()).anyMatch(l -> l.startsWith("replprov_dfsr_backlog_files{")
                && l.contains("partner=\"hub\"") && l.contains("direction=\"inbound\"") && l.endsWith(" 0"));
        MetricsTest.promtoolAccepts(metrics.body());
    }
}
