package org.replprov.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of the configuration library the engines' settings rely on: days, without, and nodes made in code. */
class ConfigNodeTest {

    private static final Duration MAX = Duration.ofDays(400);

    private static Duration duration(String text) {
        return YamlReader.read("x.yaml", "d: " + text + "\n").get("d").duration(Duration.ZERO, Duration.ZERO, MAX);
    }

    @Test
    void oneDurationGrammarWithDays() {
        assertThat(duration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(duration("36h")).isEqualTo(Duration.ofHours(36));
        assertThat(duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> duration("401d")).hasMessage("x.yaml:1:4: d: is too large (max 34560000s): 401d");
        assertThatThrownBy(() -> duration("999999999999d")).hasMessageContaining("is too large");
        assertThatThrownBy(() -> duration("1w")).hasMessageContaining("500ms, 10s, 5m, 1h or 1d, not '1w'");
    }

    @Test
    void withoutKeepsThePlaceAndTheOtherKeys() {
        ConfigNode e = YamlReader.read("x.yaml", "e:\n  type: t\n  a: 1\n").get("e");
        ConfigNode settings = e.without("type");
        assertThat(settings.keys()).containsExactly("a");
        assertThat(settings.error("x").getMessage()).isEqualTo(e.error("x").getMessage());
        assertThatThrownBy(() -> settings.allowOnly("b")).hasMessageStartingWith("x.yaml:3:6: e.a: unknown key");
        assertThat(e.get("absent").without("type").present()).isFalse();
    }

    @Test
    void nodesMadeInCodeNameTheirKeys() {
        ConfigNode n = ConfigNode.of("lab member hub", "engines", Map.of("x", Map.of("n", "7", "l", List.of("a"))));
        assertThat(n.get("x").get("n").integer(0, 0, 10)).isEqualTo(7);
        assertThat(n.get("x").get("l").elements()).hasSize(1);
        assertThatThrownBy(() -> n.get("x").get("n").integer(0, 0, 5))
                .hasMessage("lab member hub:1:1: engines.x.n: is too large (max 5): 7");
        assertThatThrownBy(() -> ConfigNode.of("s", "", Map.of("k", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k: a configuration value");
    }
}
