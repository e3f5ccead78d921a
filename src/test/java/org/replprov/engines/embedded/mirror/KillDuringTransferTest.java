package org.replprov.engines.embedded.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engines.embedded.schedule.Throttle;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.transport.FileTransport;

/**
 * A replicating process killed with SIGKILL in the middle of a transfer: the replica never shows a partial file (a new
 * file is absent, a replaced one keeps its old content), and the next pass resumes the download where it stopped.
 */
class KillDuringTransferTest {

    static final UUID FOLDER = UUID.fromString("5c0f3a52-8f0e-4b8e-9a43-0d6b3f7a2e11");
    static final int SIZE = 4 << 20;

    @TempDir
    Path dir;

    @Test
    void noPartialFileIsVisibleAndTheNextPassResumes() throws Exception {
        Path up = Files.createDirectories(dir.resolve("upstream"));
        Path local = dir.resolve("replica");
        Path state = dir.resolve("state");
        byte[] v1 = random(SIZE, 1);
        byte[] v2 = random(SIZE, 2);
        Files.write(up.resolve("big.bin"), v1);
        Files.write(up.resolve("new.bin"), random(SIZE, 3));
        // First the old version of big.bin arrives; new.bin is not there yet.
        Files.move(up.resolve("new.bin"), dir.resolve("new.bin.later"));
        runChild(up, local, state, Throttle.UNLIMITED, false);
        assertThat(Files.readAllBytes(local.resolve("big.bin"))).isEqualTo(v1);

        Files.write(up.resolve("big.bin"), v2);
        Files.setLastModifiedTime(up.resolve("big.bin"), java.nio.file.attribute.FileTime.from(
                Instant.parse("2026-01-01T00:00:00Z")));
        Files.move(dir.resolve("new.bin.later"), up.resolve("new.bin"));
        runChild(up, local, state, 1 << 20, true); // 1 MiB/s, killed after 1 MiB of staging

        assertThat(Files.readAllBytes(local.resolve("big.bin"))).as("the replaced file keeps its old content")
                .isEqualTo(v1);
        assertThat(local.resolve("new.bin")).as("a new file is absent until complete").doesNotExist();
        long staged = stagedBytes(local);
        assertThat(staged).isGreaterThan(0).isLessThan(2L * SIZE);

        try (EmbeddedDatabase db = EmbeddedDatabase.open(state)) {
            SyncReport r = new Mirror("rf", new FileTransport(up), new Replica(local), db.folder(FOLDER),
                    Clock.systemUTC(), Mirror.Settings.DEFAULT).sync(Throttle.unlimited());
            assertThat(r.filesInstalled()).isEqualTo(2);
            assertThat(r.bytesTransferred()).as("resumed, not restarted").isEqualTo(2L * SIZE - staged);
        }
        assertThat(Files.readAllBytes(local.resolve("big.bin"))).isEqualTo(v2);
        assertThat(Files.readAllBytes(local.resolve("new.bin"))).isEqualTo(Files.readAllBytes(up.resolve("new.bin")));
        assertThat(stagedBytes(local)).isZero();
    }

    private void runChild(Path up, Path local, Path state, long rate, boolean kill) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MirrorChild.class.getName(), up.toString(), local.toString(), state.toString(), FOLDER.toString(),
                Long.toString(rate))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            if (kill) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (stagedBytes(local) < (1 << 20) && System.nanoTime() < deadline && child.isAlive()) {
                    Thread.sleep(20);
                }
                assertThat(child.isAlive()).as("still transferring when killed").isTrue();
                child.destroyForcibly(); // SIGKILL
                child.waitFor(30, TimeUnit.SECONDS);
            } else {
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static long stagedBytes(Path local) throws IOException {
        Path staging = local.resolve(Replica.PRIVATE).resolve("Staging");
        if (!Files.exists(staging)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(staging)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

}
