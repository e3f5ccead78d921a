package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.testing.TestDaemon;
import org.replprov.testing.TestMembers;

/**
 * {@code replprov serve} killed with SIGKILL while its embedded engine downloads a large file (the schedule holds the
 * connection to 16 Mbps): the replica shows no part of the file, only the staging area holds it; the same
 * configuration started again on the same state finishes the download from where it stopped, and the inbound
 * connection is Online. The engine-level details (resumed byte counts, a replaced file) are KillDuringTransferTest's.
 */
class ServeKillDuringTransferTest {

    private static final int SIZE = 6 << 20; // about 3 s at 16 Mbps (2 000 000 bytes per second)
    /** Staged when the daemon is killed: the download has about 2.8 s to go, ample on a loaded machine. */
    private static final int STAGED = 512 << 10;

    @TempDir
    Path dir;

    @Test
    void noPartialFileIsVisibleAndTheRestartedDaemonCompletesTheDownload() throws Exception {
        Path upstream = Files.createDirectories(dir.resolve("upstream/docs"));
        Path replica = dir.resolve("replica/docs");
        Path staging = replica.resolve("DfsrPrivate/Staging");
        byte[] big = new byte[SIZE];
        new Random(7).nextBytes(big);
        Files.write(upstream.resolve("big.bin"), big);
        Files.writeString(upstream.resolve("small.txt"), "small");
        Path config = config();

        ServeProcess first = ServeProcess.start(config);
        try {
            long deadline = System.nanoTime() + TestMembers.WAIT.toNanos();
            while (bytesIn(staging) < STAGED && first.process().isAlive()) {
                assertThat(System.nanoTime()).as("part of the file staged").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(first.process().isAlive()).as("still transferring when killed").isTrue();
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(first.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.process().destroyForcibly();
        }
        assertThat(first.process().exitValue()).isEqualTo(137); // 128 + SIGKILL
        assertThat(replica.resolve("big.bin")).as("no partial file in the replica").doesNotExist();
        try (Stream<Path> files = Files.list(replica)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals("DfsrPrivate")).toList()) {
                assertThat(f).as("only complete files in the replica").hasSameBinaryContentAs(
                        upstream.resolve(f.getFileName()));
            }
        }
        assertThat(bytesIn(staging)).as("the part downloaded, in the staging area").isBetween((long) STAGED, SIZE - 1L);

        ServeProcess second = ServeProcess.start(config);
        try {
            JsonNode online = awaitOnline(second);
            assertThat(online.get("PartnerName").asText()).isEqualTo("hub");
            assertThat(replica.resolve("big.bin")).hasBinaryContent(big);
            assertThat(replica.resolve("small.txt")).hasContent("small");
            assertThat(bytesIn(staging)).isZero();
            assertThat(second.lines()).as("the download resumed: fewer bytes transferred than installed")
                    .anyMatch(l -> l.matches(".*Replicated docs: .* installed, .* transferred .*"));
        } finally {
            second.process().destroy();
            second.process().waitFor(20, TimeUnit.SECONDS);
            second.process().destroyForcibly();
        }
    }

    /** A daemon with users, mirroring upstream/docs into replica/docs at 16 Mbps, polling hourly. */
    private Path config() throws IOException {
        Path file = dir.resolve("replprov.yaml");
        Files.writeString(file, TestDaemon.yaml("listeners:\n  - {address: 127.0.0.1, port: 0}\n") + """
                stateDirectory: state
                engines:
                  embedded:
                    type: embedded
                    member: branch1
                    group: Demo
                    baseDirectory: "%s"
                    stateDirectory: engine
                    folders:
                      docs: {path: replica/docs}
                    inbound:
                      hub:
                        upstream: "%s"
                        schedule: "* 16mbps"
                        pollInterval: 1h
                """.formatted(dir, dir.resolve("upstream").toUri()));
        return file;
    }

    /** The inbound connection, once Online after a successful sync, as {@code replprov query} shows it. */
    private JsonNode awaitOnline(ServeProcess serve) throws Exception {
        Path password = dir.resolve("reader.pass");
        Files.writeString(password, TestDaemon.PASSWORD);
        long deadline = System.nanoTime() + TestMembers.WAIT.toNanos();
        while (true) {
            Cli.Run r = Cli.run("query", "-o", "json", "--url", serve.uri().toString(), "--user", TestDaemon.READER,
                    "--password-file", password.toString(), "SELECT * FROM DfsrConnectionInfo WHERE State = 1");
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode rows = new ObjectMapper().readTree(r.out());
            if (rows.size() == 1 && TestMembers.isTime(rows.get(0), "LastSuccessfulSyncTime")) {
                return rows.get(0);
            }
            assertThat(System.nanoTime()).as("Online after a successful sync; last: " + rows).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long bytesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
