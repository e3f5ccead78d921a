package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.server.config.DaemonConfig;
import org.replprov.testing.Commands;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.TestDaemon;

/**
 * HTTPS end to end: {@code replprov cert} makes a keystore, the daemon serves TLS with it, and clients that trust the
 * exported certificate (the CLI with {@code --cacert}, wbemcli with {@code -cacert}) talk to it; a client that does not
 * trust it fails.
 */
class TlsTest {

    @TempDir
    static Path dir;
    private static TestDaemon daemon;
    private static Path keystore;
    private static Path password;

    @BeforeAll
    static void start() {
        keystore = dir.resolve("keystore.p12");
        Cli.Run cert = Cli.run("cert", "--keystore", keystore.toString(), "--dns", "localhost", "--ip", "127.0.0.1");
        assertThat(cert.exitCode()).as(cert.err()).isZero();
        password = Path.of(keystore + ".pass");
        DaemonConfig config = DaemonConfig.parse("tls.yaml", TestDaemon.yaml("""
                listeners:
                  - address: 127.0.0.1
                    port: 0
                    tls:
                      keystore: keystore.p12
                      keystorePasswordFile: keystore.p12.pass
                """), dir);
        daemon = TestDaemon.start(config, FixtureProvider.dfsr().objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    @Test
    void certWritesAPrivateKeystoreItsPasswordAndAPem() throws Exception {
        assertThat(Files.getPosixFilePermissions(keystore)).containsOnly(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(password)).containsOnly(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(Path.of(keystore + ".pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        Cli.Run again = Cli.run("cert", "--keystore", keystore.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("exists");
    }

    @Test
    void theCliTalksTlsWithTheExportedCertificate() throws Exception {
        assertThat(daemon.uri().getScheme()).isEqualTo("https");
        Path pass = dir.resolve("user.pass");
        Files.writeString(pass, TestDaemon.PASSWORD);
        String url = "https://localhost:" + daemon.port();
        Cli.Run r = Cli.run("get", "--url", url, "--cacert", keystore + ".pem", "--user", TestDaemon.READER,
                "--password-file", pass.toString(), "DfsrConnectionInfo.ConnectionGuid=\"" + DfsrFixture.GUID_2 + "\"");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("FS03");

        Cli.Run untrusted = Cli.run("classes", "--url", url, "--user", TestDaemon.READER, "--password-file",
                pass.toString());
        assertThat(untrusted.exitCode()).isEqualTo(ApiException.UNREACHABLE);
        assertThat(untrusted.err()).contains("TLS with", "--cacert");
    }

    @Test
    void wbemcliTalksTlsWithTheExportedCertificate() throws Exception {
        Commands.require("wbemcli", "sblim-wbemcli");
        String base = "https://" + TestDaemon.OPERATOR + ":" + TestDaemon.PASSWORD + "@localhost:" + daemon.port()
                + "/root/MicrosoftDfs";
        Commands.Result r = Commands.run(Duration.ofSeconds(30), List.of("wbemcli", "-cacert", keystore + ".pem",
                "ein", base + ":DfsrConnectionInfo"));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().lines()).hasSize(2);
        Commands.Result unverified = Commands.run(Duration.ofSeconds(30), List.of("wbemcli", "ein",
                base + ":DfsrConnectionInfo"));
        assertThat(unverified.exitCode()).isNotZero();
    }
}
