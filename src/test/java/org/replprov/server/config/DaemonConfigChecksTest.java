package org.replprov.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigException;
import org.replprov.server.security.PasswordHash;

/** The start-up checks of issue 11: numbers out of range, empty-password hashes, keystores, engineFailure. */
class DaemonConfigChecksTest {

    /** An empty PKCS#12 keystore under {@code password}: enough for the configuration to open it. */
    static void emptyKeystore(Path file, String password) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** The text of a PBKDF2 hash of the empty password, as a tool that does not refuse it would write. */
    static String hashOfEmptyPassword() throws GeneralSecurityException {
        byte[] salt = new byte[16];
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(new char[0], salt, 10_000, 256)).getEncoded();
        return "pbkdf2-sha256:10000:" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static ConfigException error(String yaml, Path dir) {
        return catchThrowableOfType(() -> DaemonConfig.parse("replprov.yaml", yaml, dir), ConfigException.class);
    }

    @Test
    void numbersBeyondAnyIntegerAreTooLargeNotNonNumbers(@TempDir Path dir) {
        ConfigException e = error("listeners:\n  - port: 99999999999999999999\n", dir);
        assertThat(e.getMessage()).isEqualTo("replprov.yaml:2:11: listeners[0].port: is too large (max 65535): "
                + "99999999999999999999");
        assertThat(error("limits:\n  maxConnections: -99999999999999999999\n", dir).getMessage())
                .contains("limits.maxConnections: is too small (min ");
        assertThat(error("listeners:\n  - port: 70000\n", dir).getMessage())
                .endsWith("listeners[0].port: is too large (max 65535): 70000");
        assertThat(error("listeners:\n  - port: lots\n", dir).getMessage())
                .endsWith("listeners[0].port: must be a whole number, not 'lots'");
        assertThat(error("limits:\n  requestTimeout: 99999999999999999999s\n", dir).getMessage())
                .contains("limits.requestTimeout: is too large (max ");
        assertThat(error("limits:\n  requestTimeout: 9223372036854775807h\n", dir).getMessage())
                .contains("limits.requestTimeout: is too large (max ");
    }

    @Test
    void aHashOfTheEmptyPasswordIsRefusedWhereItIsWritten(@TempDir Path dir) throws Exception {
        String ok = PasswordHash.create("pw".toCharArray(), 10_000).toString();
        ConfigException e = error("""
                security:
                  users:
                    - {name: good, passwordHash: "%s", roles: [reader]}
                    - name: empty
                      passwordHash: "%s"
                      roles: [reader]
                """.formatted(ok, hashOfEmptyPassword()), dir);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.key()).isEqualTo("security.users[1].passwordHash");
        assertThat(e.getMessage()).contains("is the hash of an empty password, which the daemon refuses");
    }

    @Test
    void aWrongKeystorePasswordIsReportedAtItsSetting(@TempDir Path dir) throws IOException {
        emptyKeystore(dir.resolve("ks.p12"), "right");
        Files.writeString(dir.resolve("ks.pass"), "wrong\n");
        ConfigException e = error("""
                listeners:
                  - port: 5989
                    tls:
                      keystore: ks.p12
                      keystorePasswordFile: ks.pass
                """, dir);
        assertThat(e.getMessage()).startsWith("replprov.yaml:5:29: listeners[0].tls.keystorePasswordFile: the "
                + "password does not open the keystore " + dir.resolve("ks.p12"));
        Files.writeString(dir.resolve("ks.p12"), "not a keystore");
        Files.writeString(dir.resolve("ks.pass"), "right\n");
        ConfigException notKeystore = error("""
                listeners:
                  - port: 5989
                    tls: {keystore: ks.p12, keystorePasswordFile: ks.pass}
                """, dir);
        assertThat(notKeystore.key()).isEqualTo("listeners[0].tls.keystore");
        assertThat(notKeystore.getMessage()).contains("cannot open " + dir.resolve("ks.p12") + " as a PKCS12 keystore");
    }

    @Test
    void engineFailureIsExitUnlessSaidOtherwise(@TempDir Path dir) {
        assertThat(DaemonConfig.parse("x.yaml", "", dir).engineFailure()).isEqualTo(DaemonConfig.EngineFailure.EXIT);
        assertThat(DaemonConfig.parse("x.yaml", "engineFailure: degraded\n", dir).engineFailure())
                .isEqualTo(DaemonConfig.EngineFailure.DEGRADED);
        assertThat(error("engineFailure: ignore\n", dir).getMessage())
                .isEqualTo("replprov.yaml:1:16: engineFailure: must be one of [exit, degraded], not 'ignore'");
    }

    @Test
    void theAccessLogIsOffUnlessAskedFor(@TempDir Path dir) {
        assertThat(DaemonConfig.parse("x.yaml", "", dir).log().access()).isFalse();
        assertThat(DaemonConfig.example().log().access()).isFalse();
        assertThat(DaemonConfig.parse("x.yaml", "log:\n  access: true\n", dir).log().access()).isTrue();
    }
}
