package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.server.security.PasswordHash;

/** Commands that do not talk to a daemon: serve's start-up checks and hash-password. */
class LocalCommandsTest {

    @Test
    void hashPasswordPrintsAHashThatMatches(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cret\nignored second line\n");
        Cli.Run r = Cli.run("hash-password", "--password-file", file.toString(), "--iterations", "10000");
        assertThat(r.exitCode()).as(r.err()).isZero();
        PasswordHash hash = PasswordHash.parse(r.out().strip());
        assertThat(hash.matches("s3cret".toCharArray())).isTrue();
        assertThat(hash.matches("s3cret\n".toCharArray())).isFalse();
        assertThat(r.out()).startsWith("pbkdf2-sha256:10000:");
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            Cli.Run r = Cli.run(command, "--help");
            assertThat(r.exitCode()).as(command + ": " + r.err()).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: replprov " + command);
        }
    }

    @Test
    void serveNamesTheFileLineAndKeyOfAConfigurationError(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("replprov.yaml");
        Files.writeString(config, "listeners:\n  - address: 0.0.0.0\n    port: 5988\n");
        Cli.Run r = Cli.run("serve", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("replprov serve: " + config + ":2:14: listeners[0].address: the daemon does "
                + "not listen on the non-loopback address 0.0.0.0 without authentication");
    }

    @Test
    void serveNamesAnEngineItCannotStart(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("replprov.yaml");
        Files.writeString(config, "engines:\n  main:\n    type: nosuch\n");
        Cli.Run r = Cli.run("serve", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("replprov serve: " + config + ":3:5: engines.main: unknown engine type 'nosuch'; "
                + "engines found: embedded (");
        assertThat(r.err()).contains("fake (");
    }

    /** The single-engine form of earlier versions: refused, showing the form to write. */
    @Test
    void serveRefusesTheOldEngineKey(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("replprov.yaml");
        Files.writeString(config, "engine:\n  name: embedded\n  settings: {group: Demo}\n");
        Cli.Run r = Cli.run("serve", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("replprov serve: " + config + ":2:3: engine: is replaced by engines")
                .contains("engines: { embedded: { type: embedded, group: … } }");
    }

    /** The engine checks its settings; serve points at the one it refuses. */
    @Test
    void serveNamesTheFileLineAndKeyOfASettingTheEngineRefuses(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("replprov.yaml");
        Files.writeString(config, """
                stateDirectory: state
                engines:
                  docs:
                    type: embedded
                    baseDirectory: %s
                    folders:
                      docs: {pth: docs}
                """.formatted(dir));
        Cli.Run r = Cli.run("serve", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("replprov serve: " + config + ":7:19: engines.docs.folders.docs.pth: "
                + "unknown key (expected one of [allowEmptyUpstream, guid, path])");
    }
}
