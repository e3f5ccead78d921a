package org.replprov.engines.syncthing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigException;
import org.replprov.config.ConfigNode;

/** The engine's settings: exactly the documented keys, positioned errors, and the key never in a message. */
class SyncthingEngineSettingsTest {

    static final String KEY = "s3cr3t-KEY-9f2c";

    @TempDir
    Path dir;

    static SyncthingEngineSettings read(Map<String, Object> values, Map<String, String> env) {
        return SyncthingEngineSettings.from(ConfigNode.of("r.yaml", "engines.st", values), env::get);
    }

    static Map<String, Object> with(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void readsTheKeyFromTheEnvironmentOrAFileAndNeverShowsIt() throws Exception {
        SyncthingEngineSettings s = read(with("url", "http://127.0.0.1:8384", "apiKeyEnv", "ST_KEY"),
                Map.of("ST_KEY", KEY));
        assertThat(s.group()).isEqualTo("Syncthing");
        assertThat(s.client().baseUrl().toString()).isEqualTo("http://127.0.0.1:8384/");
        assertThat(s.toString()).doesNotContain(KEY);
        Path file = Files.writeString(dir.resolve("k"), KEY + "\n");
        SyncthingEngineSettings f = read(with("url", "http://h:1", "apiKeyFile", file.toString(), "group", "G"),
                Map.of());
        assertThat(f.client().apiKey()).isEqualTo(s.client().apiKey());
        assertThat(f.group()).isEqualTo("G");
    }

    @Test
    void refusesWhatIsWrongWithTheKeyThatIsWrong() throws Exception {
        assertThatThrownBy(() -> read(with("apiKeyEnv", "ST_KEY"), Map.of("ST_KEY", KEY)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engines.st.url")
                .hasMessageContaining("required");
        assertThatThrownBy(() -> read(with("url", "ftp://h", "apiKeyEnv", "ST_KEY"), Map.of("ST_KEY", KEY)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engines.st.url");
        assertThatThrownBy(() -> read(with("url", "http://h:1"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exactly one of apiKeyEnv");
        Path file = Files.writeString(dir.resolve("k"), KEY);
        assertThatThrownBy(() -> read(with("url", "http://h:1", "apiKeyEnv", "ST_KEY", "apiKeyFile", file.toString()),
                Map.of("ST_KEY", KEY))).isInstanceOf(ConfigException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> read(with("url", "http://h:1", "apiKeyEnv", "NOPE"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engines.st.apiKeyEnv")
                .hasMessageContaining("NOPE");
        assertThatThrownBy(() -> read(with("url", "http://h:1", "apiKeyFile", dir.resolve("none").toString()),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("engines.st.apiKeyFile");
        Path spaced = Files.writeString(dir.resolve("spaced"), "two words " + KEY);
        assertThatThrownBy(() -> read(with("url", "http://h:1", "apiKeyFile", spaced.toString()), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engines.st.apiKeyFile")
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> read(with("url", "http://h:1", "apiKeyEnv", "ST_KEY", "caFile", file.toString()),
                Map.of("ST_KEY", KEY))).isInstanceOf(ConfigException.class).hasMessageContaining("engines.st.caFile")
                .hasMessageContaining("https");
        assertThatThrownBy(() -> read(with("url", "http://h:1", "apiKeyEnv", "ST_KEY", "apikey", KEY),
                Map.of("ST_KEY", KEY))).isInstanceOf(ConfigException.class).hasMessageContaining("unknown key");
    }

    @Test
    void anUnreadableStateFileNamesTheByteOffset() throws Exception {
        StateFile f = new StateFile(dir);
        Files.writeString(f.path(), "{\"format\": 1, \"myId\": \"X\",, }");
        assertThatThrownBy(f::load).isInstanceOf(StateFile.Unreadable.class).hasMessageContaining("byte offset 26 (line 1, column 27)");
        f.setAside();
        assertThat(f.load()).isEqualTo(StateFile.Saved.empty());
        assertThat(dir.resolve(StateFile.NAME + ".corrupt")).exists();
    }
}
