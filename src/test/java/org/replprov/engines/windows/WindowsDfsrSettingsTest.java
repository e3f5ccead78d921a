package org.replprov.engines.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigException;
import org.replprov.config.ConfigNode;
import org.replprov.engines.windows.wsman.WsmanAuth;

/** The engine's settings: defaults, per-host overrides, and refusals that point at the key. */
class WindowsDfsrSettingsTest {

    @TempDir
    Path dir;

    private static ConfigNode node(Map<String, Object> m) {
        return ConfigNode.of("replprov.yaml", "engines.dfsr", m);
    }

    private static WindowsDfsrSettings parse(Map<String, Object> m) {
        return WindowsDfsrSettings.parse(node(m), name -> name.equals("DFSR_PW") ? "from-env" : null);
    }

    @Test
    void defaultsAndPerHostOverrides() {
        WindowsDfsrSettings s = parse(Map.of("user", "EXAMPLE\\svc-dfsr", "passwordEnv", "DFSR_PW",
                "hosts", List.of("fs01.example.com", Map.of("host", "fs02", "url", "https://10.0.0.2:15986/wsman",
                        "user", "fs02\\local"))));
        assertThat(s.hosts()).hasSize(2);
        assertThat(s.hosts().get(0).wsman().endpoint()).hasToString("https://fs01.example.com:5986/wsman");
        assertThat(s.hosts().get(0).wsman().user()).isEqualTo("EXAMPLE\\svc-dfsr");
        assertThat(s.hosts().get(0).wsman().password()).isEqualTo("from-env");
        assertThat(s.hosts().get(1).wsman().endpoint()).hasToString("https://10.0.0.2:15986/wsman");
        assertThat(s.hosts().get(1).wsman().user()).isEqualTo("fs02\\local");
        assertThat(s.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.backlogInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.toString()).doesNotContain("from-env");
    }

    @Test
    void theDcomTransportIsChosenPerHostAndSplitsTheAccount() {
        WindowsDfsrSettings s = parse(Map.of("transport", "dcom", "user", "EXAMPLE\\svc-dfsr",
                "passwordEnv", "DFSR_PW", "hosts", List.of("fs01",
                        Map.of("host", "fs02", "user", "svc@corp.example.com"),
                        Map.of("host", "fs03", "transport", "wsman"))));
        assertThat(s.hosts().get(0).dcom()).satisfies(d -> {
            assertThat(d.host()).isEqualTo("fs01");
            assertThat(d.domain()).isEqualTo("EXAMPLE");
            assertThat(d.user()).isEqualTo("svc-dfsr");
            assertThat(d.password()).isEqualTo("from-env");
        });
        assertThat(s.hosts().get(0).wsman()).isNull();
        assertThat(s.hosts().get(1).dcom().domain()).isEqualTo("corp.example.com");
        assertThat(s.hosts().get(1).dcom().user()).isEqualTo("svc");
        assertThat(s.hosts().get(2).dcom()).isNull();
        assertThat(s.hosts().get(2).wsman().endpoint()).hasToString("https://fs03:5986/wsman");
        assertThat(s.toString()).doesNotContain("from-env");
        assertThatThrownBy(() -> parse(Map.of("transport", "corba", "hosts", List.of("fs01"), "user", "u",
                "passwordEnv", "DFSR_PW"))).hasMessageContaining("engines.dfsr.transport");
    }

    @Test
    void ntlmOverHttpIsTheDefaultForAnHttpUrlAndTakesWinRmsHttpPort() {
        WindowsDfsrSettings s = parse(Map.of("hosts", List.of("fs01", Map.of("host", "fs02", "url",
                        "http://10.0.0.2:5985/wsman"), Map.of("host", "fs03", "auth", "basic", "url",
                        "https://fs03:5986/wsman")), "user", "CORP\\svc-dfsr", "passwordEnv", "DFSR_PW",
                "wsman", Map.of("auth", "negotiate")));
        assertThat(s.hosts().get(0).wsman().endpoint()).hasToString("http://fs01:5985/wsman");
        assertThat(s.hosts().get(0).wsman().auth()).isEqualTo(WsmanAuth.NTLM);
        assertThat(s.hosts().get(1).wsman().auth()).isEqualTo(WsmanAuth.NTLM);
        assertThat(s.hosts().get(2).wsman().auth()).isEqualTo(WsmanAuth.BASIC);
        WindowsDfsrSettings byUrl = parse(Map.of("hosts", List.of("fs01"), "user", "u", "passwordEnv", "DFSR_PW",
                "wsman", Map.of("url", "http://{host}:5985/wsman")));
        assertThat(byUrl.hosts().get(0).wsman().auth()).as("http means NTLM").isEqualTo(WsmanAuth.NTLM);
        assertThat(s.toString()).doesNotContain("from-env");
    }

    @Test
    void refusalsNameTheKey() {
        assertThatThrownBy(() -> parse(Map.of("hosts", List.of("fs01"), "user", "u", "passwordEnv", "UNSET")))
                .hasMessageContaining("engines.dfsr.passwordEnv").hasMessageContaining("UNSET is not set");
        assertThatThrownBy(() -> parse(Map.of("hosts", List.of("fs01"), "user", "u")))
                .hasMessageContaining("exactly one of passwordEnv and passwordFile");
        assertThatThrownBy(() -> parse(Map.of("hosts", List.of("fs01"), "user", "u", "passwordEnv", "DFSR_PW",
                "wsman", Map.of("url", "http://{host}:5985/wsman", "auth", "basic"))))
                .hasMessageContaining("engines.dfsr.wsman.url").hasMessageContaining("https");
        assertThatThrownBy(() -> parse(Map.of("hosts", List.of("fs01"), "user", "u", "passwordEnv", "DFSR_PW",
                "wsman", Map.of("url", "https://{host}:5986/wsman", "auth", "ntlm"))))
                .hasMessageContaining("engines.dfsr.wsman.url").hasMessageContaining("http URL with NTLM");
        assertThatThrownBy(() -> parse(Map.of("hosts", List.of("fs01"), "user", "u", "passwordEnv", "DFSR_PW",
                "wsman", Map.of("auth", "kerberos"))))
                .hasMessageContaining("engines.dfsr.wsman.auth").hasMessageContaining("Kerberos is not");
        assertThatThrownBy(() -> parse(Map.of("hosts", List.of("fs01", "FS01"), "user", "u", "passwordEnv",
                "DFSR_PW"))).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> parse(Map.of("hosts", List.of(), "user", "u", "passwordEnv", "DFSR_PW")))
                .hasMessageContaining("engines.dfsr.hosts");
        assertThatThrownBy(() -> parse(Map.of("hosts", List.of("fs01"), "user", "u", "passwordEnv", "DFSR_PW",
                "wsman", Map.of("caFile", dir.resolve("missing.pem").toString()))))
                .hasMessageContaining("engines.dfsr.wsman.caFile");
        assertThatThrownBy(() -> parse(Map.of("hosts", List.of("fs01"), "user", "u", "passwordEnv", "DFSR_PW",
                "polInterval", "5s"))).hasMessageContaining("unknown key");
    }
}
