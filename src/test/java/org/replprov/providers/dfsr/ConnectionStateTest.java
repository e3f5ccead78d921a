package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.replprov.providers.dfsr.ConnectionTrigger;

class ConnectionStateTest {

    @ParameterizedTest
    @EnumSource(ConnectionState.class)
    void everyTriggerInEveryStateFollowsTheTable(ConnectionState from) {
        for (ConnectionTrigger t : ConnectionTrigger.values()) {
            Optional<ConnectionState> expected = switch (from) {
                case OFFLINE -> t == ConnectionTrigger.SCHEDULE_ON ? Optional.of(ConnectionState.CONNECTING)
                        : Optional.empty();
                case CONNECTING -> switch (t) {
                    case SCHEDULE_OFF, CONFIG_CHANGE -> Optional.of(ConnectionState.OFFLINE);
                    case CONNECTION_ESTABLISHED -> Optional.of(ConnectionState.ONLINE);
                    case RETRIES_EXHAUSTED -> Optional.of(ConnectionState.IN_ERROR);
                    default -> Optional.empty();
                };
                case ONLINE -> t == ConnectionTrigger.DISCONNECTED ? Optional.of(ConnectionState.CONNECTING)
                        : Optional.empty();
                case IN_ERROR -> t == ConnectionTrigger.SERVICE_RETRY ? Optional.of(ConnectionState.CONNECTING)
                        : Optional.empty();
            };
            assertThat(from.after(t)).as(from + " on " + t).isEqualTo(expected);
        }
    }

    @Test
    void valuesAndNamesAreTheDocumentedOnes() {
        assertThat(ConnectionState.values()).extracting(ConnectionState::value).containsExactly(0, 1, 2, 3);
        assertThat(ConnectionState.values()).extracting(ConnectionState::displayName)
                .containsExactly("Connecting", "Online", "Offline", "In Error");
        assertThat(ConnectionState.INITIAL).isEqualTo(ConnectionState.OFFLINE);
    }

    /** docs/dfsr-provider.md has the table operators read; it must be the one the code enforces. */
    @Test
    void theDocumentedTableIsTheEnforcedOne() throws IOException {
        String doc = Files.readString(Path.of("docs/dfsr-provider.md"));
        Matcher m = Pattern.compile("(?m)^\\| (Offline|Connecting|Online|In Error) \\| `([A-Z_]+)` \\| "
                + "(Offline|Connecting|Online|In Error) \\|").matcher(doc);
        List<ConnectionState.Transition> documented = new ArrayList<>();
        while (m.find()) {
            documented.add(new ConnectionState.Transition(byName(m.group(1)), ConnectionTrigger.valueOf(m.group(2)),
                    byName(m.group(3))));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ConnectionState.TRANSITIONS);
    }

    private static ConnectionState byName(String name) {
        for (ConnectionState s : ConnectionState.values()) {
            if (s.displayName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
