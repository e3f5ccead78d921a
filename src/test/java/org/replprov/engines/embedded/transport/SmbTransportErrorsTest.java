package org.replprov.engines.embedded.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engines.embedded.transport.TransportException.Reason;
import org.replprov.testing.SambaServer;
import org.replprov.testing.TestDaemon;

/**
 * Each SMB failure against a real smbd, classified as the connection event it must become: unreachable → 5008,
 * share or path unknown → 5012, no common dialect → 5102, anything else (a logon failure) → 5002.
 */
class SmbTransportErrorsTest {

    @TempDir
    static Path dir;
    static SambaServer smb3Only;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(dir.resolve("share/rf"));
        smb3Only = SambaServer.in(dir.resolve("smbd")).share("share", dir.resolve("share"))
                .protocols("SMB3_00", "SMB3_11").start();
    }

    @AfterAll
    static void stop() {
        smb3Only.close();
    }

    private static SmbSettings user(String password) {
        return SmbSettings.DEFAULT.withCredentials(new SmbSettings.Credentials("", SambaServer.USER, password));
    }

    private static Reason probe(URI uri, SmbSettings settings) {
        try (Transport t = new SmbTransport(uri, settings)) {
            t.probe();
            return null;
        } catch (TransportException e) {
            return e.reason();
        }
    }

    @Test
    void theRightSettingsConnect() {
        assertThat(probe(smb3Only.uri("share", "rf"), user(SambaServer.PASSWORD))).isNull();
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closed = TestDaemon.freePort();
        assertThat(probe(URI.create("smb://127.0.0.1:" + closed + "/share/rf"),
                SmbSettings.DEFAULT.withTimeout(Duration.ofSeconds(2)))).isEqualTo(Reason.UNREACHABLE);
    }

    @Test
    void anUnknownShareOrPathIsNotFound() {
        assertThat(probe(smb3Only.uri("no-such-share", "rf"), user(SambaServer.PASSWORD))).isEqualTo(Reason.NOT_FOUND);
        assertThat(probe(smb3Only.uri("share", "no/such/path"), user(SambaServer.PASSWORD)))
                .isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void noCommonDialectIsIncompatible() {
        assertThat(probe(smb3Only.uri("share", "rf"), user(SambaServer.PASSWORD).withDialects("SMB202", "SMB210")))
                .isEqualTo(Reason.INCOMPATIBLE);
    }

    @Test
    void aLogonFailureIsAConnectionError() {
        assertThat(probe(smb3Only.uri("share", "rf"), user("wrong password"))).isEqualTo(Reason.FAILED);
    }

    @Test
    void credentialsInTheUriAreRefused() {
        assertThatThrownBy(() -> new SmbTransport(URI.create("smb://u:p@127.0.0.1/share/"), SmbSettings.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("p@");
    }
}
