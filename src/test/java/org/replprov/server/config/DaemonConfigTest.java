package org.replprov.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.replprov.config.ConfigException;
import org.replprov.engine.EngineInstance;
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
        assertThat(c.engines()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("embedded");
            assertThat(e.type()).isEqualTo("embedded");
            assertThat(e.settings().present()).as("no settings: every default").isFalse();
            assertThat(c.engineStateDirectory(e)).isEqualTo(BASE.resolve("state/engines/embedded"));
        });
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
        assertThat(example.engines()).extracting(EngineInstance::name, EngineInstance::type)
                .isEqualTo(defaults.engines().stream().map(e -> tuple(e.name(), e.type())).toList());
        // The demo folder it mirrors is ExampleConfigurationTest's business.
        assertThat(example.engines().get(0).settings().get("inbound").get("demo-upstream").get("createUpstream")
                .bool(false)).isTrue();
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
                engines:
                  branch:
                    type: embedded
                    member: branch1
                    folders:
                      docs: {path: replica/docs}
                    inbound:
                      hub:
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
        assertThat(c.engines()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("branch");
            assertThat(e.settings().keys()).containsExactly("member", "folders", "inbound");
            assertThat(e.settings().get("folders").get("docs").get("path").string()).isEqualTo("replica/docs");
        });
        assertThat(c.stateDirectory()).isEqualTo(Path.of("/var/lib/replprov"));
        assertThat(c.log()).isEqualTo(new DaemonConfig.Log("debug", "json"));
        assertThat(c.limits().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.limits().writeTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.limits().operationTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.limits().maxConnections()).isEqualTo(10);
        assertThat(c.limits().workerThreads()).isEqualTo(Limits.DEFAULT.workerThreads());
    }

    /** Named instances, in the order written, each with its type; their settings keep where they were written. */
    @Test
    void severalEngineInstances() {
        DaemonConfig c = parse("""
                stateDirectory: /var/lib/replprov
                engines:
                  sysvol:
                    type: embedded
                    group: Domain System Volume
                    folders: { "SYSVOL Share": { path: /var/lib/samba/sysvol } }
                    inbound: { dc1: { upstream: "smb://dc1/sysvol" } }
                  other.2:
                    type: FAKE
                  a_0-z: {type: embedded}
                """);
        assertThat(c.engines()).extracting(EngineInstance::name, EngineInstance::type).containsExactly(
                tuple("sysvol", "embedded"), tuple("other.2", "FAKE"), tuple("a_0-z", "embedded"));
        EngineInstance sysvol = c.engines().get(0);
        assertThat(sysvol.settings().keys()).as("type is the instance's, not a setting")
                .containsExactly("group", "folders", "inbound");
        assertThat(sysvol.settings().get("group").string()).isEqualTo("Domain System Volume");
        assertThat(c.engines().get(1).settings().keys()).isEmpty();
        assertThat(c.engineStateDirectory(sysvol)).isEqualTo(Path.of("/var/lib/replprov/engines/sysvol"));
        ConfigException e = sysvol.settings().get("inbound").get("dc1").get("upstream").error("unreachable");
        assertThat(e.getMessage()).isEqualTo("replprov.yaml:7:33: engines.sysvol.inbound.dc1.upstream: unreachable");
    }

    /** The single-engine form of earlier versions is refused with the form to write instead. */
    @Test
    void theOldEngineKeyIsRefusedWithTheNewForm() {
        ConfigException e = error("""
                listeners:
                  - {port: 5988}
                engine:
                  name: embedded
                  settings:
                    group: Demo
                    folders: {docs: {path: replica/docs}}
                    inbound: {hub: {upstream: "file:/srv/hub", smb: {password: s3cret}}}
                """);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.key()).isEqualTo("engine");
        assertThat(e.getMessage()).contains("engine: is replaced by engines")
                .contains("engines: { embedded: { type: embedded, group: …, folders: …, inbound: … } }")
                .doesNotContain("s3cret").doesNotContain("Demo");
        assertThat(error("engine:\n  name: fake\n").getMessage())
                .contains("engines: { fake: { type: fake } }");
        assertThat(error("engine:\n").getMessage()).as("even without a value")
                .contains("engines: { embedded: { type: embedded } }");
        assertThat(error("engine: [1]\n").getMessage()).contains("engines: { embedded: { type: embedded } }");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no instances          | engines: {}                                   | 1 | engines            | at least one engine instance
            no type               | engines:\\n  a: {group: x}                     | 2 | engines.a.type     | is required
            instance without keys | engines:\\n  a:                                | 2 | engines.a          | needs its type
            blank type            | engines:\\n  a: {type: ' '}                    | 2 | engines.a.type     | must not be empty
            a list                | engines: [a, b]                               | 1 | engines            | must be a mapping
            instance a value      | engines:\\n  a: embedded                       | 2 | engines.a          | must be a mapping
            name with a slash     | engines:\\n  a/b: {type: embedded}             | 2 | engines.a/b        | is no engine instance name
            name with a space     | engines:\\n  'a b': {type: embedded}           | 2 | engines.a b        | is no engine instance name
            name only dots        | engines:\\n  '..': {type: embedded}            | 2 | engines...         | not only dots
            name too long         | engines:\\n  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: {type: x} | 2 | engines.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | 1 to 64
            name twice            | engines:\\n  a: {type: x}\\n  a: {type: y}      | 3 | engines.a          | given twice
            """)
    void badEngineInstances(String what, String yaml, int line, String key, String message) {
        ConfigException e = error(yaml.replace("\\n", "\n"));
        assertThat(e).as(what).isNotNull();
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.key()).as(e.getMessage()).isEqualTo(key);
        assertThat(e.getMessage()).contains(message);
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
            engine setting twice        | engines:\\n  e:\\n    type: x\\n    a: 1\\n    a: 2  | 5 | engines.e.a             | given twice
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
