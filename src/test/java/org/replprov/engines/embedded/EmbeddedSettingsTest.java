package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigException;
import org.replprov.config.YamlReader;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engines.embedded.transport.SmbSettings;
import org.replprov.testing.Settings;

/** The engine's settings: defaults, derived GUIDs, per-folder upstreams, credentials, and refused mistakes. */
class EmbeddedSettingsTest {

    static final Path BASE = Path.of("/srv/replprov");

    static final Path STATE = Path.of("/var/lib/replprov/engines/sysvol");

    static EmbeddedSettings parse(Map<String, String> s, Map<String, String> env) {
        return EmbeddedSettings.parse(Settings.node(s), BASE, STATE, env::get);
    }

    static EmbeddedSettings parseYaml(String yaml) {
        return EmbeddedSettings.parse(YamlReader.read("replprov.yaml", yaml).get("engines").get("sysvol")
                .without("type"), BASE, STATE, name -> null);
    }

    static Map<String, String> minimal() {
        Map<String, String> s = new HashMap<>();
        s.put("member", "branch1");
        s.put("group", "Demo");
        s.put("folders.docs.path", "replica/docs");
        s.put("folders.tools.path", "/data/tools");
        s.put("inbound.hub.upstream", "smb://hub.example:4445/rg");
        return s;
    }

    @Test
    void defaultsAndDerivedNames() {
        EmbeddedSettings e = parse(minimal(), Map.of());
        EmbeddedSettings.Inbound in = e.inbound().get("hub");
        assertThat(e.folders().get("docs").path()).isEqualTo(Path.of("/srv/replprov/replica/docs"));
        assertThat(e.folders().get("tools").path()).isEqualTo(Path.of("/data/tools"));
        assertThat(e.stateDirectory()).as("the instance's own").isEqualTo(STATE);
        assertThat(in.upstreams()).containsEntry("docs", URI.create("smb://hub.example:4445/rg/docs/"));
        assertThat(in.schedule().levelAt(java.time.Instant.now())).isEqualTo(BandwidthLevel.INFINITE);
        assertThat(in.createUpstream()).isFalse();
        assertThat(in.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(in.retries()).isEqualTo(3);
        assertThat(in.smb()).isEqualTo(SmbSettings.DEFAULT);
        assertThat(in.peer()).isEmpty();
        assertThat(in.replicaFlags()).isEqualTo(ReplicaFlags.of(ReplicaFlags.Flag.DRS_INIT_SYNC,
                ReplicaFlags.Flag.DRS_PER_SYNC));
        assertThat(e.peer().address()).isEmpty();
        assertThat(e.peer().outboundIdleTime()).isEqualTo(Duration.ofHours(12));
        // the same names give the same GUIDs on every member
        assertThat(e.group().guid()).isEqualTo(parse(minimal(), Map.of()).group().guid());
        assertThat(in.partnerGuid()).isEqualTo(EmbeddedSettings.derived("member", "hub"));
        assertThat(e.member().guid()).isEqualTo(EmbeddedSettings.derived("member", "BRANCH1"));
    }

    @Test
    void everythingCanBeSaid() {
        Map<String, String> s = minimal();
        s.put("memberGuid", "{C0037E37-EF20-4CDF-968A-932E669ED810}");
        s.put("folders.docs.allowEmptyUpstream", "yes");
        s.put("inbound.hub.folders.tools.upstream", "file:/mnt/tools");
        s.put("inbound.hub.schedule", "* full; mon-fri 08:00-18:00 256kbps");
        s.put("inbound.hub.scheduleZone", "Europe/Berlin");
        s.put("inbound.hub.pollInterval", "500ms");
        s.put("inbound.hub.smb.user", "replicator");
        s.put("inbound.hub.smb.passwordEnv", "HUB_PW");
        s.put("inbound.hub.smb.minDialect", "SMB300");
        s.put("inbound.hub.smb.signing", "required");
        s.put("inbound.hub.peer", "https://hub.example:5989");
        s.put("inbound.hub.peerUser", "branch1");
        s.put("inbound.hub.peerPasswordEnv", "PEER_PW");
        s.put("inbound.hub.replicaFlags", "DRS_WRIT_REP DRS_NEVER_NOTIFY");
        s.put("peer.address", "https://branch1.example:5989/");
        s.put("peer.notifyDelay", "50ms");
        EmbeddedSettings e = parse(s, Map.of("HUB_PW", "secret", "PEER_PW", "peer-secret"));
        EmbeddedSettings.Inbound in = e.inbound().get("hub");
        assertThat(e.member().guid()).isEqualTo(UUID.fromString("C0037E37-EF20-4CDF-968A-932E669ED810"));
        assertThat(e.folders().get("docs").allowEmptyUpstream()).isTrue();
        assertThat(in.upstreams()).containsEntry("tools", URI.create("file:/mnt/tools"));
        assertThat(in.schedule().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(in.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(in.smb().credentials()).isEqualTo(new SmbSettings.Credentials("", "replicator", "secret"));
        assertThat(in.smb().credentials().toString()).doesNotContain("secret");
        assertThat(in.smb().minDialect()).isEqualTo("SMB300");
        assertThat(in.smb().signing()).isEqualTo(SmbSettings.Signing.REQUIRED);
        assertThat(in.peer()).hasValueSatisfying(p -> {
            assertThat(p.uri()).isEqualTo(URI.create("https://hub.example:5989"));
            assertThat(p.password()).isEqualTo("peer-secret");
            assertThat(p.toString()).doesNotContain("peer-secret");
        });
        assertThat(in.replicaFlags().raw()).isEqualTo(0x10 | 0x20000000);
        assertThat(e.peer().address()).contains(URI.create("https://branch1.example:5989/"));
        assertThat(e.peer().notifyDelay()).isEqualTo(Duration.ofMillis(50));
    }

    /** The first line of the file, as samba-ad's passwordFile reads it, so that both engines may share one file. */
    @Test
    void theSmbPasswordMayComeFromAFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("smb.password"), "s3cret\n");
        Map<String, String> s = minimal();
        s.put("baseDirectory", dir.toString());
        s.put("inbound.hub.smb.user", "replmon");
        s.put("inbound.hub.smb.passwordFile", "smb.password");
        assertThat(parse(s, Map.of()).inbound().get("hub").smb().credentials())
                .isEqualTo(new SmbSettings.Credentials("", "replmon", "s3cret"));
        s.put("inbound.hub.smb.passwordFile", "missing.password");
        assertThatThrownBy(() -> parse(s, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("inbound.hub.smb.passwordFile: cannot read " + dir.resolve("missing.password"));
    }

    @Test
    void smbCredentialsMayComeFromTheEnvironment() {
        EmbeddedSettings e = parse(minimal(), Map.of("REPLPROV_SMB_USER", "svc", "REPLPROV_SMB_PASSWORD", "pw",
                "REPLPROV_SMB_DOMAIN", "CORP"));
        assertThat(e.inbound().get("hub").smb().credentials()).isEqualTo(new SmbSettings.Credentials("CORP", "svc",
                "pw"));
    }

    @Test
    void mistakesNameTheirKey() {
        assertRefused(Map.of("inbound.hub.pollIntervall", "5s"), "inbound.hub.pollIntervall: unknown key "
                + "(expected one of [connectionGuid, createUpstream, folders, maxRetryDelay,");
        assertRefused(Map.of("inbound.hub.pollInterval", "soon"), "inbound.hub.pollInterval: must be a duration "
                + "such as 500ms, 10s, 5m, 1h or 1d, not 'soon'");
        assertRefused(Map.of("inbound.hub.pollInterval", "0s"), "inbound.hub.pollInterval: must be between 1ms and ");
        assertRefused(Map.of("inbound.hub.retries", "0"), "inbound.hub.retries: is too small (min 1): 0");
        assertRefused(Map.of("inbound.hub.schedule", "mon 3mbps"), "inbound.hub.schedule: schedule rule 1");
        assertRefused(Map.of("inbound.hub.smb.maxDialect", "SMB1"), "inbound.hub.smb: unknown SMB dialect SMB1");
        assertRefused(Map.of("inbound.hub.smb.signing", "always"), "inbound.hub.smb.signing: must be one of "
                + "[if-required, preferred, required], not 'always'");
        assertRefused(Map.of("inbound.hub.smb.passwordEnv", "NOPE"), "inbound.hub.smb.passwordEnv: the "
                + "environment has no NOPE");
        assertRefused(Map.of("inbound.hub.upstream", "hub/rg"), "inbound.hub.upstream: 'hub/rg' is not a URI");
        assertRefused(Map.of("inbound.hub.folders.nope.upstream", "file:/x"),
                "inbound.hub.folders.nope: no replicated folder is called nope");
        assertRefused(Map.of("inbound.second.upstream", "file:/x"),
                "inbound.second: a member mirrors from one upstream partner");
        assertRefused(Map.of("inbound.hub.replicaFlags", "DRS_WRITE_REP"), "inbound.hub.replicaFlags");
        assertRefused(Map.of("memberGuid", "not-a-guid"), "memberGuid: ");
        assertRefused(Map.of("inbound.hub.replicaFlags", "DRS_ASYNC_OP"), "cannot be kept in a repsTo entry");
        assertRefused(Map.of("inbound.hub.peer", "https://hub.example:5989"), "inbound.hub.peer: needs peer.address");
        assertRefused(Map.of("inbound.hub.createUpstream", "true"), "inbound.hub.createUpstream: the upstream of "
                + "folder docs, smb://hub.example:4445/rg/docs/, is not a file: URI");
        assertRefused(Map.of("folders.docs.pth", "x"), "folders.docs.pth: unknown key (expected one of "
                + "[allowEmptyUpstream, guid, path])");
        assertRefused(Map.of("stateDirectry", "x"), "stateDirectry: unknown key");
    }

    /** One duration grammar for the daemon and the engine: days too (ConfigNode's, extended). */
    @Test
    void durationsInDays() {
        Map<String, String> s = minimal();
        s.put("peer.outboundIdleTime", "2d");
        assertThat(parse(s, Map.of()).peer().outboundIdleTime()).isEqualTo(Duration.ofDays(2));
    }

    /** The nested keys of a configuration file; an error names the file, line, column and full key. */
    @Test
    void readFromTheConfigurationFileWithPositions() {
        EmbeddedSettings e = parseYaml("""
                engines:
                  sysvol:
                    type: embedded
                    group: Domain System Volume
                    stateDirectory: old-state
                    folders: { "SYSVOL Share": { path: /var/lib/samba/sysvol } }
                    inbound: { dc1: { upstream: "smb://dc1/sysvol", pollInterval: 90s } }
                """);
        assertThat(e.group().name()).isEqualTo("Domain System Volume");
        assertThat(e.stateDirectory()).as("the setting overrides the instance's directory")
                .isEqualTo(Path.of("/srv/replprov/old-state"));
        assertThat(e.folders().get("SYSVOL Share").path()).isEqualTo(Path.of("/var/lib/samba/sysvol"));
        assertThat(e.inbound().get("dc1").upstreams()).containsEntry("SYSVOL Share",
                URI.create("smb://dc1/sysvol/SYSVOL%20Share/"));
        assertThat(e.inbound().get("dc1").pollInterval()).isEqualTo(Duration.ofSeconds(90));

        ConfigException bad = catchThrowableOfType(() -> parseYaml("""
                engines:
                  sysvol:
                    type: embedded
                    folders:
                      docs:
                        path: replica/docs
                    inbound:
                      dc1:
                        upstream: smb://dc1/sysvol
                        smb:
                          timeout: 10 seconds
                """), ConfigException.class);
        assertThat(bad.getMessage()).isEqualTo("replprov.yaml:11:20: engines.sysvol.inbound.dc1.smb.timeout: "
                + "must be a duration such as 500ms, 10s, 5m, 1h or 1d, not '10 seconds'");
        assertThat(bad.line()).isEqualTo(11);
        assertThat(bad.column()).isEqualTo(20);

        ConfigException unknown = catchThrowableOfType(() -> parseYaml("""
                engines:
                  sysvol:
                    type: embedded
                    folders:
                      docs: {path: a, guid: "{C0037E37-EF20-4CDF-968A-932E669ED810}", alowEmptyUpstream: yes}
                """), ConfigException.class);
        assertThat(unknown.getMessage()).startsWith("replprov.yaml:5:90: engines.sysvol.folders.docs."
                + "alowEmptyUpstream: unknown key");
    }

    /** The example of docs/engines.md is read as written, every key of it. */
    @Test
    void theDocumentedExampleIsValid() throws Exception {
        String doc = Files.readString(Path.of("docs/engines.md"));
        Matcher m = Pattern.compile("```yaml\n(engines:.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("the engines.md example").isTrue();
        EmbeddedSettings e = EmbeddedSettings.parse(YamlReader.read("engines.md", m.group(1)).get("engines")
                .get("branch").without("type"), BASE, STATE, Map.of("HUB_PASSWORD", "pw")::get);
        EmbeddedSettings.Inbound hub = e.inbound().get("hub");
        assertThat(e.member().name()).isEqualTo("branch1");
        assertThat(e.folders()).containsOnlyKeys("docs", "tools");
        assertThat(hub.upstreams()).containsEntry("tools", URI.create("file:///mnt/tools"));
        assertThat(hub.smb().credentials()).isEqualTo(new SmbSettings.Credentials("CORP", "replicator", "pw"));
        assertThat(hub.smb().signing()).isEqualTo(SmbSettings.Signing.IF_REQUIRED);
        assertThat(hub.maxRetryDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(e.peer().outboundIdleTime()).isEqualTo(Duration.ofHours(12));
    }

    /** A configuration without settings for the instance: every default, and no folders. */
    @Test
    void noSettingsAtAll() {
        EmbeddedSettings e = parseYaml("engines:\n  sysvol: {type: embedded}\n");
        assertThat(e.folders()).isEmpty();
        assertThat(e.inbound()).isEmpty();
        assertThat(e.group().name()).isEqualTo("Default");
        assertThat(e.stateDirectory()).isEqualTo(STATE);
    }

    private static void assertRefused(Map<String, String> change, String message) {
        Map<String, String> s = minimal();
        s.putAll(change);
        assertThatThrownBy(() -> parse(s, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }
}
