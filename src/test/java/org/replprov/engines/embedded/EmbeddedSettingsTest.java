package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engines.embedded.transport.SmbSettings;

/** The engine's settings: defaults, derived GUIDs, per-folder upstreams, credentials, and refused mistakes. */
class EmbeddedSettingsTest {

    static final Path BASE = Path.of("/srv/replprov");

    static EmbeddedSettings parse(Map<String, String> s, Map<String, String> env) {
        return EmbeddedSettings.parse(s, BASE, env::get);
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
        assertThat(e.stateDirectory()).isEqualTo(Path.of("/srv/replprov/state"));
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

    @Test
    void smbCredentialsMayComeFromTheEnvironment() {
        EmbeddedSettings e = parse(minimal(), Map.of("REPLPROV_SMB_USER", "svc", "REPLPROV_SMB_PASSWORD", "pw",
                "REPLPROV_SMB_DOMAIN", "CORP"));
        assertThat(e.inbound().get("hub").smb().credentials()).isEqualTo(new SmbSettings.Credentials("CORP", "svc",
                "pw"));
    }

    @Test
    void mistakesNameTheirKey() {
        assertRefused(Map.of("inbound.hub.pollIntervall", "5s"), "unknown setting inbound.hub.pollIntervall");
        assertRefused(Map.of("inbound.hub.pollInterval", "soon"), "inbound.hub.pollInterval: 'soon' is not a duration");
        assertRefused(Map.of("inbound.hub.schedule", "mon 3mbps"), "inbound.hub.schedule: schedule rule 1");
        assertRefused(Map.of("inbound.hub.smb.maxDialect", "SMB1"), "inbound.hub.smb: unknown SMB dialect SMB1");
        assertRefused(Map.of("inbound.hub.upstream", "hub/rg"), "inbound.hub.upstream: 'hub/rg' is not a URI");
        assertRefused(Map.of("inbound.hub.folders.nope.upstream", "file:/x"), "no replicated folder is called nope");
        assertRefused(Map.of("inbound.second.upstream", "file:/x"), "a member mirrors from one upstream partner");
        assertRefused(Map.of("inbound.hub.replicaFlags", "DRS_WRITE_REP"), "inbound.hub.replicaFlags");
        assertRefused(Map.of("memberGuid", "not-a-guid"), "memberGuid");
        assertRefused(Map.of("inbound.hub.replicaFlags", "DRS_ASYNC_OP"), "cannot be kept in a repsTo entry");
        assertRefused(Map.of("inbound.hub.peer", "https://hub.example:5989"), "peer.address is required");
        assertRefused(Map.of("inbound.hub.createUpstream", "true"), "inbound.hub.createUpstream: the upstream of "
                + "folder docs, smb://hub.example:4445/rg/docs/, is not a file: URI");
    }

    private static void assertRefused(Map<String, String> change, String message) {
        Map<String, String> s = minimal();
        s.putAll(change);
        assertThatThrownBy(() -> parse(s, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
