package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engines.embedded.mirror.Mirror;
import org.replprov.engines.embedded.mirror.Replica;
import org.replprov.engines.embedded.mirror.SyncReport;
import org.replprov.engines.embedded.schedule.Throttle;
import org.replprov.engines.embedded.store.EmbeddedDatabase;
import org.replprov.engines.embedded.transport.FileTransport;
import org.replprov.engines.embedded.transport.SmbSettings;
import org.replprov.engines.embedded.transport.SmbTransport;
import org.replprov.engines.embedded.transport.Transport;
import org.replprov.testing.SambaServer;

/**
 * Bandwidth levels measured on real transfers: a pass of several files over file:// and over smb:// (segmented
 * parallel reads included) moves its bytes at the level's rate within ±10 %.
 */
class BandwidthTest {

    @TempDir
    Path dir;

    @Test
    void transfersHoldTheLevelOverFileAndSmb() throws Exception {
        Path share = Files.createDirectories(dir.resolve("share/rf"));
        Random r = new Random(7);
        for (int i = 0; i < 3; i++) {
            byte[] b = new byte[(i + 1) << 20]; // 1, 2 and 3 MiB: small reads and segmented ones
            r.nextBytes(b);
            Files.write(share.resolve("f" + i + ".bin"), b);
        }
        long level = Throttle.bytesPerSecond(BandwidthLevel.MBPS_16.bitsPerSecond()); // 2 MB/s: 6 MiB in ~3 s
        try (SambaServer smbd = SambaServer.in(dir.resolve("smbd")).share("share", dir.resolve("share")).start();
             EmbeddedDatabase db = EmbeddedDatabase.inMemory()) {
            Transport[] transports = {new FileTransport(share), new SmbTransport(smbd.uri("share", "rf"),
                    SmbSettings.DEFAULT.withCredentials(new SmbSettings.Credentials("", SambaServer.USER,
                            SambaServer.PASSWORD)))};
            for (Transport t : transports) {
                try (t) {
                    Mirror m = new Mirror("rf", t, new Replica(dir.resolve("replica-" + t.root().getScheme())),
                            db.folder(UUID.randomUUID()), Clock.systemUTC(), Mirror.Settings.DEFAULT);
                    long t0 = System.nanoTime();
                    SyncReport report = m.sync(new Throttle(level));
                    double rate = report.bytesTransferred() / ((System.nanoTime() - t0) / 1e9);
                    assertThat(report.bytesTransferred()).isEqualTo(6L << 20);
                    assertThat(rate).as(t.root() + " at 16 Mbps").isCloseTo(level, within(level * 0.10));
                }
            }
        }
    }
}
