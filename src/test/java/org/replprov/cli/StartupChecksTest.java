package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.server.security.PasswordHash;

/** hash-password's refusals and serve's start-up errors (issue 11). */
class StartupChecksTest {

    @Test
    void hashPasswordRefusesAnEmptyPassword(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "");
        Cli.Run fromFile = Cli.run("hash-password", "--password-file", empty.toString());
        assertThat(fromFile.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(fromFile.out()).isEmpty();
        assertThat(fromFile.err()).isEqualTo("replprov hash-password: the password is empty; the daemon refuses "
                + "empty passwords\n");

        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(new byte[0])); // printf '' | replprov hash-password
            Cli.Run fromStdin = Cli.run("hash-password");
            assertThat(fromStdin.exitCode()).isEqualTo(Main.EXIT_USAGE);
            assertThat(fromStdin.out()).isEmpty();
            System.setIn(new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(Cli.run("hash-password").exitCode()).isEqualTo(Main.EXIT_USAGE);
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void hashPasswordRefusesIterationsTheDaemonWouldRefuse(@TempDir Path dir) throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "s3cret\n");
        for (String iterations : new String[] {"0", "1", "-5", "9999"}) {
            Cli.Run r = Cli.run("hash-password", "--password-file", pw.toString(), "--iterations", iterations);
            assertThat(r.exitCode()).as(iterations).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).as(iterations).isEqualTo("replprov hash-password: --iterations: the iteration count "
                    + iterations + " is below " + PasswordHash.MIN_ITERATIONS + " (the daemon refuses weaker hashes)\n");
        }
        Cli.Run r = Cli.run("hash-password", "--password-file", pw.toString(), "--iterations",
                Integer.toString(PasswordHash.MIN_ITERATIONS));
        assertThat(r.exitCode()).isZero();
        assertThat(PasswordHash.parse(r.out().strip()).matches("s3cret".toCharArray())).isTrue();
    }

    /** The text of a PBKDF2 hash of the empty password, as a tool that does not refuse it would write. */
    private static String hashOfEmptyPassword() throws Exception {
        byte[] salt = new byte[16];
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(new char[0], salt, 10_000, 256)).getEncoded();
        return "pbkdf2-sha256:10000:" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    /** A configuration of the demo engine in {@code dir}, on a free port. */
    private static Path config(Path dir, String extra) throws Exception {
        Path config = dir.resolve("replprov.yaml");
        Files.writeString(config, """
                listeners:
                  - {address: 127.0.0.1, port: 0}
                stateDirectory: state
                engines:
                  embedded:
                    type: embedded
                    baseDirectory: %s
                    group: Demo
                    stateDirectory: state/demo
                    folders:
                      docs: {path: state/demo/replica/docs}
                    inbound:
                      demo-upstream: {upstream: "file:state/demo/upstream", createUpstream: true}
                """.formatted(dir) + extra);
        return config;
    }

    /** {@code echo garbage > state/demo/embedded.db}: the engine cannot start, and serve says so and exits 1. */
    @Test
    void serveExitsWhenTheEngineCannotStart(@TempDir Path dir) throws Exception {
        Path config = config(dir, "");
        Files.createDirectories(dir.resolve("state/demo"));
        Files.writeString(dir.resolve("state/demo/embedded.db"), "garbage\n");
        Cli.Run r = Cli.run("serve", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("replprov serve: engine 'embedded' failed to start: the embedded engine "
                        + "cannot start: cannot open the ID database " + dir.resolve("state/demo/embedded.db"))
                .contains("not a database")
                .endsWith("or set engineFailure: degraded in " + config + " to serve without the engine.\n");
        assertThat(Files.readString(dir.resolve("state/demo/embedded.db"))).isEqualTo("garbage\n");
    }

    @Test
    void serveRefusesAnEmptyStateDatabaseAndLeavesItAlone(@TempDir Path dir) throws Exception {
        Path config = config(dir, "");
        Path db = dir.resolve("state/replprov-state.db");
        Files.createDirectories(db.getParent());
        Files.createFile(db);
        Cli.Run r = Cli.run("serve", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).isEqualTo("replprov serve: the state database " + db + " cannot be used: it is empty "
                + "(0 bytes), so not the database replprov wrote. It was left as it is; move it aside to start with "
                + "empty state, or restore a backup.\n");
        assertThat(Files.size(db)).isZero();
    }

    @Test
    void serveNamesTheStateDatabaseItCannotReadWithoutBlamingTheEngine(@TempDir Path dir) throws Exception {
        Path config = config(dir, "");
        Path db = dir.resolve("state/replprov-state.db");
        Files.createDirectories(db.getParent());
        Files.writeString(db, "garbage, not SQLite at all");
        Cli.Run r = Cli.run("serve", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("replprov serve: the state database " + db + " cannot be used: ")
                .endsWith("move it aside to start with empty state, or restore a backup.\n")
                .doesNotContain("engine");
    }

    @Test
    void serveRefusesAHashOfTheEmptyPassword(@TempDir Path dir) throws Exception {
        Path config = config(dir, """
                security:
                  users:
                    - name: monitor
                      passwordHash: "%s"
                      roles: [reader]
                """.formatted(hashOfEmptyPassword()));
        Cli.Run r = Cli.run("serve", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("replprov serve: " + config + ":17:21: security.users[0].passwordHash: is the "
                + "hash of an empty password");
    }

    @Test
    void labHelpSaysHowBranchesMirror() {
        Cli.Run r = Cli.run("lab", "--help");
        assertThat(r.exitCode()).isZero();
        String help = r.out().replaceAll("\\s+", " ");
        assertThat(help).contains("mirror it over file:// (the members share this machine's disk) and speak the peer "
                + "protocol with the hub over HTTPS").doesNotContain("mirror it with the peer protocol over HTTPS");
    }
}
