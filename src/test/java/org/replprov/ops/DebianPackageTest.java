package org.replprov.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.replprov.testing.Commands;
import org.replprov.testing.TestDaemon;

/**
 * The Debian package as an administrator meets it: {@code scripts/build-deb} builds it, {@code dpkg -i} installs it on
 * this machine (the test needs root, as in CI), the installed {@code replprov} prints its version and serves the
 * installed configuration as the system user {@code replprov} (on a free port written into that configuration,
 * since 5988 may be taken), the unit passes {@code systemd-analyze verify}, completion and man pages are in place; and
 * {@code dpkg --purge} leaves nothing behind: no file named after replprov outside this source tree that was not
 * there before, no user, no group.
 */
class DebianPackageTest {

    private static final Path CONFIG = Path.of("/etc/replprov/replprov.yaml");
    private static final Path STATE = Path.of("/var/lib/replprov");
    private static final Duration READY = Duration.ofSeconds(90);
    /**
     * Where a package's files, its maintainer scripts' files and dpkg's and systemd's records of them can be (/lib is
     * a link into /usr on merged-/usr systems, which find does not follow; otherwise it is walked too).
     */
    private static final List<String> SYSTEM_TREES = List.of("/etc", "/usr", "/var", "/opt", "/srv", "/lib");

    @Test
    void buildInstallServeAndPurge() throws Exception {
        requireRootAndTools();
        assertThat(run(30, "dpkg-query", "-W", "-f=${Status}", "replprov").stdout())
                .as("replprov is already installed here; this test installs and purges its own build "
                        + "(dpkg --purge replprov first)")
                .doesNotContain("installed");
        Set<String> before = leftovers();

        Commands.Result build = run(1200, "scripts/build-deb");
        assertThat(build.exitCode()).as(build.stderr()).isZero();
        Path deb = Path.of(build.stdout().strip());
        assertThat(deb.getFileName().toString()).matches("replprov_[0-9][^_]*_all\\.deb");
        assertThat(deb.getParent()).isEqualTo(Path.of("target"));
        Commands.Result info = run(30, "dpkg-deb", "--field", deb.toString(), "Depends");
        assertThat(info.stdout()).contains("java17-runtime-headless", "adduser");

        Process serve = null;
        Commands.Result purge;
        try {
            Commands.Result install = run(300, "dpkg", "-i", deb.toString());
            assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
            assertInstalled();

            Commands.Result version = run(60, "/usr/bin/replprov", "--version");
            assertThat(version.stdout().strip()).isEqualTo("replprov " + mavenVersion());

            int port = TestDaemon.freePort();
            String yaml = Files.readString(CONFIG);
            assertThat(yaml).contains("port: 5988");
            Files.writeString(CONFIG, yaml.replace("port: 5988", "port: " + port));
            Path log = Files.createTempFile("replprov-deb-serve", ".log");
            try {
                // As the unit runs it: the service user, in the state directory, without --config.
                serve = new ProcessBuilder("setpriv", "--reuid=replprov", "--regid=replprov", "--init-groups",
                        "/usr/bin/replprov", "serve").directory(STATE.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                awaitReady(serve, log);
                assertThat(Files.readString(log)).contains("Configuration from " + CONFIG);
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"ok\"");
                serve.destroy();
                assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
                assertThat(Files.readString(log)).contains("Object manager closed; state saved");
                assertThat(owner(STATE.resolve("replprov-state.db"))).isEqualTo("replprov");
            } finally {
                Files.deleteIfExists(log);
            }
        } finally {
            if (serve != null && serve.isAlive()) {
                serve.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            purge = run(300, "dpkg", "--purge", "replprov");
        }
        assertThat(purge.exitCode()).as(purge.stdout() + purge.stderr()).isZero();
        assertThat(run(30, "dpkg-query", "-W", "-f=${Status}", "replprov").stdout()).doesNotContain("installed");
        assertThat(run(30, "getent", "passwd", "replprov").exitCode()).as("user replprov removed").isNotZero();
        assertThat(run(30, "getent", "group", "replprov").exitCode()).as("group replprov removed").isNotZero();
        assertThat(leftovers()).as("files named after replprov after the purge").isEqualTo(before);
    }

    private static void assertInstalled() throws Exception {
        Commands.Result user = run(30, "getent", "passwd", "replprov");
        assertThat(user.exitCode()).isZero();
        String[] fields = user.stdout().strip().split(":");
        assertThat(Integer.parseInt(fields[2])).as("a system user").isLessThan(1000);
        assertThat(fields[5]).isEqualTo(STATE.toString());
        assertThat(fields[6]).isEqualTo("/usr/sbin/nologin");

        assertThat(owner(STATE)).isEqualTo("replprov");
        PosixFileAttributes config = Files.readAttributes(CONFIG, PosixFileAttributes.class);
        assertThat(config.owner().getName()).isEqualTo("root");
        assertThat(config.group().getName()).isEqualTo("replprov");
        assertThat(PosixFilePermissions.toString(config.permissions())).isEqualTo("rw-r-----");
        assertThat(Files.readAllLines(Path.of("/var/lib/dpkg/info/replprov.conffiles")))
                .containsExactly(CONFIG.toString());

        assertThat(Path.of("/usr/share/replprov/replprov.jar")).isRegularFile();
        assertThat(Path.of("/usr/bin/replprov")).isExecutable();
        Path unit = Path.of("/lib/systemd/system/replprov.service");
        assertThat(Files.readString(unit)).contains("ProtectSystem=strict", "NoNewPrivileges=yes",
                "ReadWritePaths=/var/lib/replprov", "PrivateTmp=yes", "User=replprov",
                "ExecStart=/usr/bin/replprov serve --config /etc/replprov/replprov.yaml");
        Commands.Result verify = run(60, "systemd-analyze", "verify", "--man=no", unit.toString());
        assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(verify.stdout() + verify.stderr()).as("systemd-analyze verify").isEmpty();

        // Completion: the subcommands and serve's options, from the picocli definitions.
        Commands.Result completion = run(30, "bash", "-c", """
                source /usr/share/bash-completion/completions/replprov
                COMP_WORDS=(replprov se); COMP_CWORD=1; _complete_replprov 2>/dev/null; echo "${COMPREPLY[@]}"
                COMP_WORDS=(replprov serve --c); COMP_CWORD=2; _complete_replprov 2>/dev/null; echo "${COMPREPLY[@]}"
                """);
        assertThat(completion.stdout().lines()).containsExactly("serve", "--config");
        // Man pages: one per command, gzipped troff.
        for (String page : List.of("replprov", "replprov-serve", "replprov-query")) {
            Commands.Result man = run(30, "sh", "-c", "zcat /usr/share/man/man1/" + page + ".1.gz");
            String title = page.toUpperCase(Locale.ROOT).replace("-", "\\-");
            assertThat(man.stdout()).as(page).contains(".TH \"" + title + "\" \"1\"");
        }
        assertThat(run(30, "sh", "-c", "zcat /usr/share/man/man1/replprov-serve.1.gz").stdout())
                .contains("REPLPROV_CONFIG");
    }

    /**
     * Paths named after replprov in the system trees, outside this source tree. {@code find} goes on past files that
     * other processes remove while it walks (and then exits non-zero), so its exit code is not an error here.
     */
    private static Set<String> leftovers() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Set<String> found = new TreeSet<>();
        for (String tree : SYSTEM_TREES) {
            run(300, "find", tree, "-xdev", "-name", "*replprov*", "-not", "-path", "/var/tmp/*").stdout().lines()
                    .filter(line -> !Path.of(line).startsWith(project)).forEach(found::add);
        }
        return found;
    }

    private static void awaitReady(Process serve, Path log) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains("Ready in")) {
            if (!serve.isAlive()) {
                fail("replprov serve exited with " + serve.exitValue() + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                fail("replprov serve not ready within " + READY + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private static String owner(Path p) throws IOException {
        return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
    }

    /** The project version as the pom declares it: what the jar's manifest carries. */
    private static String mavenVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        int artifact = pom.indexOf("<artifactId>replprov</artifactId>");
        int start = pom.indexOf("<version>", artifact) + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start));
    }

    private static void requireRootAndTools() throws Exception {
        Commands.Result id = run(10, "id", "-u");
        if (!id.stdout().strip().equals("0")) {
            fail("DebianPackageTest installs a package with dpkg -i: run the suite as root (scripts/test in CI)");
        }
        Commands.require("dpkg-deb", "dpkg");
        Commands.require("asciidoctor", "asciidoctor");
        Commands.require("setpriv", "util-linux");
        Commands.require("systemd-analyze", "systemd");
        Commands.require("adduser", "adduser");
        Commands.require("mvn", "maven");
    }

    private static Commands.Result run(int seconds, String... command) throws Exception {
        return Commands.run(Duration.ofSeconds(seconds), List.of(command));
    }
}
