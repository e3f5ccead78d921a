package org.replprov.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.replprov.config.ConfigException;
import org.replprov.server.security.PasswordHash;
import org.replprov.server.security.Role;

class DaemonConfigTest {

    private static final Path BASE = Path.of("/etc/replprov");
    private static final String HASH = PasswordHash.create("pw".toCharArray(), 10_000).toString();

    private static DaemonConfig parse(String yaml) {
        return DaemonConfig.parse("replprov.yaml", yaml, BASE);
    }

    private static ConfigException error(String yaml) {
        return catchThrowableOfType(() -> parse(yaml), ConfigException.class);
    }

    @Test
    void plainHttpOnANetworkAddressWithPasswordsIsWarnedAbout() {
        String users = "security:\n  users:\n    - {name: monitor, passwordHash: \"" + HASH + "\", roles: [reader]}\n";
        assertThat(parse("listeners:\n  - {address: 0.0.0.0, port: 5988}\n" + users).warnings()).singleElement()
                .asString().contains("http://0.0.0.0:5988", "clear text", "tls:");
        assertThat(parse("listeners:\n  - {address: 127.0.0.1, port: 5988}\n" + users).warnings()).isEmpty();
        assertThat(parse("").warnings()).isEmpty();
    }

    @Test
    void emptyFileMeansTheDefaults() {
        DaemonConfig c = parse("");
        assertThat(c.listeners()).singleElement().satisfies(l -> {
            assertThat(l.address()).isEqualTo("127.0.0.1");
            assertThat(l.port()).isEqualTo(5988);
            assertThat(l.tls()).isEmpty();
        });
        assertThat(c.engine().name()).isEqualTo("embedded");
        assertThat(c.security().authenticationRequired()).isFalse();
        assertThat(c.limits()).isEqualTo(Limits.DEFAULT);
        assertThat(c.stateDirectory()).isEqualTo(BASE.resolve("state"));
        assertThat(c.log()).isEqualTo(new DaemonConfig.Log("info", "text"));
    }

    @Test
    void theShippedExampleIsValidAndMeansTheDefaultsButForTheDemoEngineSettings() {
        DaemonConfig example = DaemonConfig.example();
        DaemonConfig defaults = DaemonConfig.parse("empty", "", Path.of("").toAbsolutePath());
        assertThat(example.listeners()).isEqualTo(defaults.listeners());
        assertThat(example.limits()).isEqualTo(defaults.limits());
        assertThat(example.engine().name()).isEqualTo(defaults.engine().name());
        // The demo folder it mirrors is ExampleConfigurationTest's business.
        assertThat(example.engine().settings()).containsEntry("inbound.demo-upstream.createUpstream", "true");
        assertThat(example.stateDirectory()).isEqualTo(defaults.stateDirectory());
        assertThat(example.log()).isEqualTo(defaults.log());
    }

    @Test
    void everySection() {
        DaemonConfig c = parse("""
                listeners:
                  - address: 0.0.0.0
                    port: "5990"
                security:
                  realm: dfsr
                  users:
                    - name: monitor
                      passwordHash: "%s"
                      roles: [reader]
                    - {name: admin, passwordHash: "%s", roles: [operator, reader]}
                engine:
                  name: embedded
                  settings:
                    member: branch1
                    folders:
                      docs: {path: replica/docs}
                    inbound.hub:
                      upstream: file:///srv/hub
                stateDirectory: /var/lib/replprov
                log: {level: DEBUG, format: json}
                limits:
                  requestTimeout: 5s
                  writeTimeout: 1500ms
                  operationTimeout: 2m
                  maxConnections: 10
                """.formatted(HASH, HASH));
        assertThat(c.listeners().get(0).port()).isEqualTo(5990);
        assertThat(c.listeners().get(0).loopback()).isFalse();
        assertThat(c.security().users()).extracting(u -> u.name()).containsExactly("monitor", "admin");
        assertThat(c.security().users().get(1).may(Role.OPERATOR)).isTrue();
        assertThat(c.security().users().get(0).may(Role.OPERATOR)).isFalse();
        assertThat(c.engine().settings()).containsExactly(java.util.Map.entry("member", "branch1"),
                java.util.Map.entry("folders.docs.path", "replica/docs"),
                java.util.Map.entry("inbound.hub.upstream", "file:///srv/hub"));
        assertThat(c.stateDirectory()).isEqualTo(Path.of("/var/lib/replprov"));
        assertThat(c.log()).isEqualTo(new DaemonConfig.Log("debug", "json"));
        assertThat(c.limits().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.limits().writeTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.limits().operationTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.limits().maxConnections()).isEqualTo(10);
        assertThat(c.limits().workerThreads()).isEqualTo(Limits.DEFAULT.workerThreads());
    }

    /** An engine names the setting it refuses by its dotted name; the error points at where it was written. */
    @Test
    void engineErrorsPointAtTheSettingTheyName() {
        DaemonConfig.Engine e = parse("""
                engine:
                  settings:
                    folders:
                      docs: {path: a}
                      docs2:
                        path: b
                    peer.timeout: soon
                """).engine();
        assertThat(e.errorAbout("invalid settings: folders.docs2.path: no such directory"))
                .hasValueSatisfying(x -> assertThat(x.getMessage()).isEqualTo("replprov.yaml:6:15: "
                        + "engine.settings.folders.docs2.path: "
                        + "invalid settings: folders.docs2.path: no such directory"));
        assertThat(e.errorAbout("peer.timeout is not a duration.")).hasValueSatisfying(x -> assertThat(x.line())
                .isEqualTo(7));
        assertThat(e.errorAbout("folders.docs is not a folder")).as("a mapping is no setting").isEmpty();
        assertThat(e.errorAbout("inbound.hub.upstream is required")).isEmpty();
    }

    /** Each error names the file, the line and column of the offending value, and its key. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key       | listeners: []\\nlistner: 1                         | 2 | listner                 | unknown key
            empty listener list         | listeners: []                                      | 1 | listeners               | at least one listener
            port not a number           | listeners:\\n  - port: lots                        | 2 | listeners[0].port       | whole number
            port out of range           | listeners:\\n  - port: 70000                       | 2 | listeners[0].port       | too large (max 65535)
            misspelt listener key       | listeners:\\n  - adress: 10.0.0.1                  | 2 | listeners[0].adress     | unknown key
            public without users        | listeners:\\n  - address: 0.0.0.0\\n    port: 5988 | 2 | listeners[0].address    | without authentication
            duplicate listener          | listeners:\\n  - {port: 1}\\n  - {port: 1}         | 3 | listeners[1]            | twice
            bad duration                | limits:\\n  requestTimeout: soon                   | 2 | limits.requestTimeout   | duration
            duration too short          | limits:\\n  writeTimeout: 10ms                     | 2 | limits.writeTimeout     | between 1s and 3600s
            not whole seconds           | limits:\\n  requestTimeout: 1500ms                 | 2 | limits.requestTimeout   | whole number of seconds
            log level                   | log:\\n  level: loud                               | 2 | log.level               | must be one of
            user without hash           | security:\\n  users:\\n    - {name: a, roles: [reader]} | 3 | security.users[0].passwordHash | is required
            bad hash                    | security:\\n  users:\\n    - {name: a, passwordHash: x, roles: [reader]} | 3 | security.users[0].passwordHash | replprov hash-password
            no roles                    | security:\\n  users:\\n    - {name: a, passwordHash: 'pbkdf2-sha256:10000:AAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAA==', roles: []} | 3 | security.users[0].roles | at least one role
            unknown role                | security:\\n  users:\\n    - {name: a, passwordHash: 'pbkdf2-sha256:10000:AAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAA==', roles: [admin]} | 3 | security.users[0].roles[0] | must be one of
            engine setting as a list    | engine:\\n  settings:\\n    folders: [a, b]              | 3 | engine.settings.folders | not a list
            engine setting twice        | engine:\\n  settings:\\n    a.b: 1\\n    a: {b: 2}       | 4 | engine.settings.a.b     | given twice (as a.b)
            key given twice             | log: {}\\nlog: {}                                   | 2 | log                     | given twice
            not yaml                    | listeners: [\\n                                     | 2 |                         | not valid YAML: expected the node content
            not a mapping               | - a\\n- b                                           | 1 |                         | must be a mapping
            missing keystore            | listeners:\\n  - port: 5989\\n    tls: {keystore: nowhere.p12, keystorePasswordEnv: X} | 3 | listeners[0].tls.keystore | cannot read /etc/replprov/nowhere.p12
            """)
    void errorsNameFileLineAndKey(String what, String yaml, int line, String key, String message) {
        ConfigException e = error(yaml.replace("\\n", "\n"));
        assertThat(e).as(what).isNotNull();
        assertThat(e.source()).isEqualTo("replprov.yaml");
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.key()).isEqualTo(key == null ? "" : key);
        assertThat(e.getMessage()).startsWith("replprov.yaml:" + line + ":").contains(message);
    }

    @Test
    void tlsPasswordsComeFromAFileOrTheEnvironment(@TempDir Path dir) throws IOException {
        DaemonConfigChecksTest.emptyKeystore(dir.resolve("ks.p12"), "changeit");
        Files.writeString(dir.resolve("ks.pass"), "changeit\n");
        DaemonConfig c = DaemonConfig.parse("x.yaml", """
                listeners:
                  - port: 5989
                    tls: {keystore: ks.p12, keystorePasswordFile: ks.pass}
                """, dir);
        DaemonConfig.Tls tls = c.listeners().get(0).tls().orElseThrow();
        assertThat(tls.keystore()).isEqualTo(dir.resolve("ks.p12"));
        assertThat(new String(tls.keystorePassword())).isEqualTo("changeit");
        assertThat(tls.keystoreType()).isEqualTo("PKCS12");

        ConfigException neither = catchThrowableOfType(() -> DaemonConfig.parse("x.yaml",
                "listeners:\n  - port: 5989\n    tls: {keystore: ks.p12}\n", dir), ConfigException.class);
        assertThat(neither.getMessage()).contains("exactly one of keystorePasswordFile and keystorePasswordEnv");
        ConfigException unset = catchThrowableOfType(() -> DaemonConfig.parse("x.yaml",
                "listeners:\n  - port: 5989\n    tls: {keystore: ks.p12, keystorePasswordEnv: REPLPROV_UNSET_VAR}\n",
                dir), ConfigException.class);
        assertThat(unset.key()).isEqualTo("listeners[0].tls.keystorePasswordEnv");
        assertThat(unset.getMessage()).contains("REPLPROV_UNSET_VAR is not set");
    }

    @Test
    void loadNamesAMissingFile(@TempDir Path dir) {
        ConfigException e = catchThrowableOfType(() -> DaemonConfig.load(dir.resolve("none.yaml")),
                ConfigException.class);
        assertThat(e.getMessage()).isEqualTo(dir.resolve("none.yaml") + ":1:1: no such file");
    }
}
