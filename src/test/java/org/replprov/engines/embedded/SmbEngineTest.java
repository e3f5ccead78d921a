package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.replprov.providers.dfsr.ConnectionTrigger.CONNECTION_ESTABLISHED;
import static org.replprov.providers.dfsr.ConnectionTrigger.RETRIES_EXHAUSTED;
import static org.replprov.providers.dfsr.ConnectionTrigger.SERVICE_RETRY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineException;
import org.replprov.testing.SambaServer;

/**
 * The embedded engine pulling from a real smbd: a plain share as upstream, the server going down and coming back,
 * and the connection events for an unknown share (5012) and a dialect the server refuses (5102).
 */
class SmbEngineTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    SambaServer smbd;
    EmbeddedEngine engine;
    final RecordingObserver listener = new RecordingObserver();

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (smbd != null) {
            smbd.close();
        }
    }

    Path replica() {
        return dir.resolve("replica/docs");
    }

    Map<String, String> settings(String share) throws Exception {
        Files.createDirectories(dir.resolve("share/docs"));
        smbd = SambaServer.in(dir.resolve("smbd")).share("share", dir.resolve("share")).protocols("SMB3_00", "SMB3_11")
                .start();
        Map<String, String> s = Members.settings(dir, "smb://127.0.0.1:" + smbd.port() + "/" + share);
        s.put("inbound.hub.smb.user", SambaServer.USER);
        s.put("inbound.hub.smb.password", SambaServer.PASSWORD);
        s.put("inbound.hub.smb.timeout", "2s");
        return s;
    }

    void start(Map<String, String> settings) throws EngineException {
        engine = Members.engine(settings, Clock.systemUTC());
        engine.start(listener);
    }

    @Test
    void aShareThatGoesDownIsUnreachableAndReplicationResumesWhenItReturns() throws Exception {
        Map<String, String> s = settings("share");
        Members.write(dir.resolve("share/docs/a.txt"), "alpha");
        start(s);
        listener.awaitSnapshot(x -> Files.exists(replica().resolve("a.txt")), WAIT);
        assertThat(Files.readString(replica().resolve("a.txt"))).isEqualTo("alpha");

        smbd.stop();
        RecordingObserver.Transition error = listener.await(RETRIES_EXHAUSTED, WAIT);
        assertThat(error.failure()).isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);
        assertThat(replica().resolve("a.txt")).exists();

        Members.write(dir.resolve("share/docs/b.txt"), "beta");
        smbd.restart();
        listener.await(CONNECTION_ESTABLISHED, 2, WAIT);
        assertThat(listener.triggers()).containsSubsequence(RETRIES_EXHAUSTED, SERVICE_RETRY, CONNECTION_ESTABLISHED);
        listener.awaitSnapshot(x -> Files.exists(replica().resolve("b.txt")), WAIT);
    }

    @Test
    void anUnknownShareIsUnrecognized() throws Exception {
        start(settings("no-such-share"));
        assertThat(listener.await(RETRIES_EXHAUSTED, WAIT).failure()).isEqualTo(ConnectionFailure.UNRECOGNIZED);
    }

    @Test
    void aDialectTheServerRefusesIsAnIncompatibleVersion() throws Exception {
        Map<String, String> s = settings("share");
        s.put("inbound.hub.smb.maxDialect", "SMB210");
        start(s);
        assertThat(listener.await(RETRIES_EXHAUSTED, WAIT).failure())
                .isEqualTo(ConnectionFailure.INCOMPATIBLE_VERSION);
        assertThat(listener.triggers()).doesNotContain(CONNECTION_ESTABLISHED);
    }
}
