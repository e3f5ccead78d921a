package org.replprov.engines.sambaad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigException;
import org.replprov.config.ConfigNode;
import org.replprov.config.YamlReader;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engines.sambaad.directory.LdapiUrl;

/** The samba-ad settings: defaults, positioned errors, the password kept out of everything printable. */
class SambaAdSettingsTest {

    @TempDir
    Path dir;

    private static ConfigNode yaml(String text) {
        return YamlReader.read("replprov.yaml", text).get("engines").get("ad");
    }

    private static final Map<String, String> ENV = Map.of("AD_PASSWORD", "S3cret-Value");

    private static SambaAdSettings parse(String text) {
        return SambaAdSettings.parse(yaml(text), ENV::get);
    }

    @Test
    void defaultsAndTheDocumentedKeys() throws Exception {
        SambaAdSettings s = parse("""
                engines:
                  ad:
                    url: ldaps://dc1.example.test
                    user: replmon@EXAMPLE.TEST
                    passwordEnv: AD_PASSWORD
                """);
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.failureThreshold()).isEqualTo(2);
        assertThat(s.sambaTool()).containsExactly("samba-tool");
        assertThat(s.directory().port()).isEqualTo(636);
        assertThat(s.partner("DC2.example.test").url().toString()).isEqualTo("ldaps://DC2.example.test");
        assertThat(new String(s.password().read())).isEqualTo("S3cret-Value");
        assertThat(s.toString()).doesNotContain("S3cret-Value").contains("environment variable AD_PASSWORD");
    }

    @Test
    void aPasswordFileIsReadAtEachBindWithoutItsLineBreak() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "From-File-1\n");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not checked here");
        SambaAdSettings s = parse("""
                engines:
                  ad:
                    url: ldap://dc1.example.test
                    user: CN=replmon,CN=Users,DC=example,DC=test
                    passwordFile: %s
                    caFile: %s
                    pollInterval: 2m
                    failureThreshold: 5
                    sambaTool: [sudo, -n, samba-tool]
                    sambaToolOptions: [-s, /etc/samba/smb.conf]
                    partners:
                      dc2.example.test: {url: ldaps://10.0.0.2:636, tlsHostName: dc2.example.test}
                """.formatted(file, ca));
        assertThat(new String(s.password().read())).isEqualTo("From-File-1");
        Files.writeString(file, "Rotated-2\r\n");
        assertThat(new String(s.password().read())).isEqualTo("Rotated-2");
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.failureThreshold()).isEqualTo(5);
        assertThat(s.sambaTool()).containsExactly("sudo", "-n", "samba-tool");
        assertThat(s.sambaToolOptions()).containsExactly("-s", "/etc/samba/smb.conf");
        assertThat(s.partner("dc2.example.test").url().toString()).isEqualTo("ldaps://10.0.0.2:636");
        assertThat(s.partner("dc2.example.test").expectedCertificateName()).isEqualTo("dc2.example.test");
        assertThat(s.toString()).doesNotContain("From-File-1").doesNotContain("Rotated-2");
    }

    @Test
    void errorsNameTheFileLineColumnAndKey() {
        // An absent key is reported at its mapping (line 3, where the instance's keys begin).
        record Case(String yaml, int line, String key, String words) {
        }
        for (Case c : List.of(
                new Case("engines:\n  ad:\n    url: ldaps://dc1\n    user: u\n", 3, "engines.ad.passwordEnv",
                        "exactly one of passwordEnv and passwordFile"),
                new Case("engines:\n  ad:\n    url: ldaps://dc1\n    user: u\n    passwordEnv: NOT_SET\n", 5,
                        "engines.ad.passwordEnv", "NOT_SET is not set"),
                new Case("engines:\n  ad:\n    url: ldapi:///run/ldapi\n    user: u\n    passwordEnv: AD_PASSWORD\n",
                        3, "engines.ad.url", "percent-encoded: write ldapi://%2Frun%2Fldapi"),
                new Case("engines:\n  ad:\n    url: http://dc1\n    user: u\n    passwordEnv: AD_PASSWORD\n", 3,
                        "engines.ad.url", "ldaps://host"),
                new Case("engines:\n  ad:\n    url: ldaps://dc1\n    user: u\n    passwordEnv: AD_PASSWORD\n"
                        + "    pollInterval: soon\n", 6, "engines.ad.pollInterval", "duration"),
                new Case("engines:\n  ad:\n    url: ldaps://dc1\n    user: u\n    passwordEnv: AD_PASSWORD\n"
                        + "    caFile: /nonexistent/ca.pem\n", 6, "engines.ad.caFile", "cannot read"),
                new Case("engines:\n  ad:\n    url: ldaps://dc1\n    user: u\n    passwordEnv: AD_PASSWORD\n"
                        + "    pasword: x\n", 6, "engines.ad.pasword", "unknown key"),
                new Case("engines:\n  ad:\n    url: ldaps://dc1\n    passwordEnv: AD_PASSWORD\n", 3,
                        "engines.ad.user", "required"))) {
            assertThatThrownBy(() -> parse(c.yaml())).as(c.yaml()).isInstanceOfSatisfying(ConfigException.class,
                    e -> {
                        assertThat(e.line()).as(e.getMessage()).isEqualTo(c.line());
                        assertThat(e.getMessage()).startsWith("replprov.yaml:" + c.line() + ":")
                                .contains(c.key()).contains(c.words()).doesNotContain("S3cret-Value");
                    });
        }
    }

    @Test
    void ldapiNamesALocalSocketByItsPercentEncodedPath() throws Exception {
        Path privateDir = Files.createDirectories(dir.resolve("pri vate/ldap_priv"));
        Path socket = privateDir.resolve("ldapi");
        String encoded = socket.toString().replace("/", "%2F").replace(" ", "%20");
        SambaAdSettings s = parse("""
                engines:
                  ad:
                    url: %s
                    user: replmon@EXAMPLE.TEST
                    passwordEnv: AD_PASSWORD
                """.formatted("LDAPI://" + encoded + "/"));
        // No socket yet (Samba not started): not a configuration error, the engine will report the DC unreachable.
        assertThat(s.directory().socket()).hasValue(socket);
        assertThat(s.directory().url().toString()).isEqualTo("ldapi://" + encoded);
        assertThat(s.directory().ldaps()).isFalse();
        assertThat(s.partner("dc2.example.test").url().toString()).isEqualTo("ldaps://dc2.example.test");
        // ldapi:// and ldapi:/// name Samba's privileged socket where Debian's packages put it.
        for (String bare : List.of("ldapi://", "ldapi:///")) {
            assertThat(LdapiUrl.parse(bare).toString())
                    .isEqualTo("ldapi://%2Fvar%2Flib%2Fsamba%2Fprivate%2Fldap_priv%2Fldapi");
        }
        // Any byte outside RFC 3986's unreserved set comes back encoded, and decodes to the same path.
        URI odd = LdapiUrl.parse("ldapi://%2Ftmp%2Fd%C3%A9j%C3%A0%20vu%2Bx%2Fs");
        assertThat(odd.toString()).isEqualTo("ldapi://%2Ftmp%2Fd%C3%A9j%C3%A0%20vu%2Bx%2Fs");
        assertThat(LdapiUrl.socket(odd)).isEqualTo(Path.of("/tmp/déjà vu+x/s"));

        String head = "engines:\n  ad:\n    url: ";
        String tail = "\n    user: u\n    passwordEnv: AD_PASSWORD\n";
        record Case(String yaml, int line, String key, String words) {
        }
        Path file = Files.writeString(privateDir.resolve("not-a-socket"), "");
        for (Case c : List.of(
                new Case(head + "ldapi://localhost" + tail, 3, "engines.ad.url", "not a host: 'localhost'"),
                new Case(head + "ldapi://dc1.example.test:389" + tail, 3, "engines.ad.url", "not a host"),
                new Case(head + "ldapi://%2Ftmp%2Gx" + tail, 3, "engines.ad.url",
                        "malformed percent-encoding at index 14 of ldapi://%2Ftmp%2Gx"),
                new Case(head + "ldapi://%2Ftmp%2" + tail, 3, "engines.ad.url", "malformed percent-encoding at index 14"),
                new Case(head + "ldapi://%2Ftmp%2F%FF" + tail, 3, "engines.ad.url", "not UTF-8"),
                new Case(head + "ldapi://%2Frun%2Fldapi/DC=example?base" + tail, 3, "engines.ad.url",
                        "takes no DN or query"),
                new Case(head + "ldapi://%2Fnonexistent-dir%2Fldapi" + tail, 3, "engines.ad.url",
                        "the socket's directory /nonexistent-dir does not exist"),
                new Case(head + "ldapi://" + file.toString().replace("/", "%2F").replace(" ", "%20") + tail, 3,
                        "engines.ad.url", file + " is not a socket"),
                new Case(head + "ldapi://%2F" + "s".repeat(107) + tail, 3, "engines.ad.url",
                        "is 108 bytes long; a Unix-domain socket path has at most 107"),
                new Case(head + "ldapi://" + encoded + tail + "    tlsHostName: dc1.example.test\n", 6,
                        "engines.ad.tlsHostName", "a local socket has no TLS"),
                new Case(head + "ldaps://dc1" + tail + "    partners:\n      dc2: {url: 'ldapi://'}\n", 7,
                        "engines.ad.partners.dc2.url", "a partner is another DC"))) {
            assertThatThrownBy(() -> parse(c.yaml())).as(c.yaml()).isInstanceOfSatisfying(ConfigException.class,
                    e -> {
                        assertThat(e.line()).as(e.getMessage()).isEqualTo(c.line());
                        assertThat(e.getMessage()).contains(c.key()).contains(c.words());
                    });
        }
    }

    @Test
    void werrorsAreClassifiedByTheDocumentedTable() {
        assertThat(WerrorClassification.event(Win32Error.ERROR_CONNECTION_REFUSED))
                .isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);
        assertThat(WerrorClassification.event(Win32Error.ERROR_NETNAME_DELETED))
                .isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);
        assertThat(WerrorClassification.event(Win32Error.ERROR_FILE_NOT_FOUND))
                .isEqualTo(ConnectionFailure.SERVICE_UNREACHABLE);
        assertThat(WerrorClassification.event(Win32Error.ERROR_DS_DRA_BAD_NC)).isEqualTo(ConnectionFailure.UNRECOGNIZED);
        assertThat(WerrorClassification.event(Win32Error.ERROR_DS_DRA_ACCESS_DENIED))
                .isEqualTo(ConnectionFailure.UNRECOGNIZED);
        assertThat(WerrorClassification.event(Win32Error.ERROR_DS_DRA_SCHEMA_MISMATCH))
                .isEqualTo(ConnectionFailure.INCOMPATIBLE_VERSION);
        assertThat(WerrorClassification.event(Win32Error.ERROR_DS_DRA_SINK_DISABLED))
                .isEqualTo(ConnectionFailure.CONNECTION_ERROR);
        var e = WerrorClassification.error(Win32Error.ERROR_CONNECTION_REFUSED, "last pull failed");
        assertThat(e.code()).isEqualTo(1225);
        assertThat(e.text()).isEqualTo("last pull failed: WERR_CONNECTION_REFUSED");
        assertThat(WerrorClassification.error(new Win32Error(0x1234), "x").text()).isEqualTo("x: DOS code 0x00001234");
    }

    @Test
    void sambaToolsWerrorIsReadFromItsMessageAndOtherEndsAreMapped() {
        assertThat(SambaTool.werror("ERROR(<class 'samba.drs_utils.drsException'>): DsReplicaSync failed - "
                + "drsException: DsReplicaSync failed (8457, 'WERR_DS_DRA_SINK_DISABLED')")).hasValue(8457);
        assertThat(SambaTool.werror("ERROR: no such host")).isEmpty();
        assertThat(SambaTool.werror("(99999999999, 'WERR_X')")).isEmpty();
        assertThat(new SambaTool.Run(0, "Replicate from x to y was successful.", false).returnCode()).isZero();
        assertThat(new SambaTool.Run(255, "ERROR: failed, (1225, 'WERR_CONNECTION_REFUSED')", false).returnCode())
                .isEqualTo(1225);
        assertThat(new SambaTool.Run(1, "Traceback ...", false).returnCode()).isEqualTo(8436);
        assertThat(new SambaTool.Run(-1, "", true).returnCode()).isEqualTo(1460);
    }

    /** The samba-ad examples of docs/engines.md (the engine and the SYSVOL recipe) are read as written. */
    @Test
    void theDocumentedExamplesAreValid() throws Exception {
        String doc = Files.readString(Path.of("docs/engines.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("```yaml\n(#[^\n]*\n)?(engines:.*?)```",
                java.util.regex.Pattern.DOTALL).matcher(doc);
        int samba = 0;
        Path pw = Files.writeString(dir.resolve("ad.password"), "pw");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "");
        while (m.find()) {
            // The files the examples name do not exist here: point them at ones that do.
            String text = m.group(2).replace("/etc/replprov/ad.password", pw.toString())
                    .replace("/var/lib/samba/private/tls/ca.pem", ca.toString())
                    .replace("/etc/replprov/dc2-ca.pem", ca.toString());
            ConfigNode engines = YamlReader.read("engines.md", text).get("engines");
            for (String name : engines.keys()) {
                ConfigNode instance = engines.get(name);
                if (instance.get("type").string("").equals("samba-ad")) {
                    SambaAdSettings s = SambaAdSettings.parse(instance.without("type"), n -> null);
                    assertThat(s.directory().ldaps()).isTrue();
                    samba++;
                } else if (name.equals("sysvol")) {
                    var e = org.replprov.engines.embedded.EmbeddedSettings.parse(instance.without("type"), dir,
                            dir.resolve("state"), Map.of("REPLPROV_SMB_PASSWORD", "pw")::get);
                    assertThat(e.group().name()).isEqualTo("Domain System Volume");
                    assertThat(e.folders()).containsOnlyKeys("SYSVOL Share");
                    assertThat(e.inbound().get("dc1").upstreams().get("SYSVOL Share").toString())
                            .isEqualTo("smb://dc1.example.com/sysvol/");
                }
            }
        }
        assertThat(samba).as("samba-ad examples in docs/engines.md").isEqualTo(2);
    }
}
