package org.replprov.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.config.ConfigurationException;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.MalformedBlobException;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.ReplicaFlags.Flag;
import org.replprov.drsr.RepsFromToCodec;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.RepsToEntry;

/** The repsTo store: its changes, their order, and the values it writes through to the state database. */
class InMemoryRepsToStoreTest {

    private static final String EXAMPLE = "DC=example,DC=com";
    private static final String CONFIGURATION = "CN=Configuration,DC=example,DC=com";
    private static final Instant T = Instant.parse("2024-11-11T21:56:43Z");

    @TempDir
    Path dir;

    private static RepsTo partner(int n, String naDsa, long failures) {
        return new RepsTo(naDsa, UUID.fromString("5fef3270-3934-46f3-8b63-00000000000" + n),
                ReplicaFlags.of(Flag.DRS_WRIT_REP, Flag.DRS_NEVER_NOTIFY), failures == 0 ? Win32Error.ERROR_SUCCESS
                : Win32Error.RPC_S_SERVER_UNAVAILABLE, failures, DsTime.of(T.plusSeconds(failures)), DsTime.of(T));
    }

    /** What the listeners heard, one line per change. */
    private static List<String> record(InMemoryRepsToStore store) {
        List<String> heard = new ArrayList<>();
        store.addListener((before, after) -> heard.add((before == null ? "-" : before.repsTo().consecutiveFailures())
                + " -> " + (after == null ? "-" : after.repsTo().consecutiveFailures())));
        return heard;
    }

    @Test
    void changesReachTheListenersInOrderOncePerDifference() {
        InMemoryRepsToStore store = InMemoryRepsToStore.create();
        List<String> heard = record(store);
        store.put(new RepsToEntry(EXAMPLE, partner(1, "dc1.example.com", 0)));
        store.put(new RepsToEntry(EXAMPLE, partner(1, "dc1.example.com", 1)));
        store.put(new RepsToEntry(EXAMPLE, partner(1, "dc1.example.com", 1)));
        store.put(new RepsToEntry(EXAMPLE, partner(2, "dc2.example.com", 5)));
        assertThat(store.remove("dc=EXAMPLE,dc=com", partner(2, "", 0).uuidDsa())).isTrue();
        assertThat(store.remove(EXAMPLE, partner(2, "", 0).uuidDsa())).isFalse();
        assertThat(heard).containsExactly("- -> 0", "0 -> 1", "- -> 5", "5 -> -");
    }

    @Test
    void replaceMakesTheValuesAnAttributesWholeContent() {
        InMemoryRepsToStore store = InMemoryRepsToStore.create();
        store.put(new RepsToEntry(EXAMPLE, partner(1, "dc1.example.com", 0)));
        store.put(new RepsToEntry(EXAMPLE, partner(2, "dc2.example.com", 0)));
        store.put(new RepsToEntry(CONFIGURATION, partner(2, "dc2.example.com", 0)));
        List<String> heard = record(store);
        store.replace(EXAMPLE, List.of(partner(2, "dc2.example.com", 0), partner(3, "", 7)));
        assertThat(heard).containsExactly("0 -> -", "- -> 7");
        assertThatThrownBy(() -> store.replace(EXAMPLE, List.of(partner(4, "a", 0), partner(4, "b", 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two repsTo values");
        assertThat(heard).hasSize(2);
        store.replace(CONFIGURATION, List.of());
        assertThat(store.repsTo()).extracting(e -> e.namingContext() + " " + e.repsTo().naDsa())
                .containsExactly("DC=example,DC=com dc2.example.com", "DC=example,DC=com ");
    }

    @Test
    void valuesSurviveReopeningAsTheBlobsTheCodecWrites() throws SQLException, MalformedBlobException {
        String longName = "a".repeat(300) + ".example.com"; // too long for a version 1 MTX_ADDR
        List<RepsToEntry> written;
        try (StateStore state = StateStore.open(dir)) {
            InMemoryRepsToStore store = InMemoryRepsToStore.writingThrough(state);
            store.put(new RepsToEntry(EXAMPLE, partner(1, "dc1.example.com", 3)));
            store.put(new RepsToEntry(EXAMPLE, partner(2, "", 0)));
            store.put(new RepsToEntry(CONFIGURATION, partner(3, longName, 0)));
            store.put(new RepsToEntry("DC=Example,DC=Com", partner(1, "dc1.example.com", 4)));
            store.remove(CONFIGURATION, partner(3, "", 0).uuidDsa());
            store.put(new RepsToEntry(CONFIGURATION, partner(4, longName, 1)));
            written = store.repsTo();
        }
        assertThat(written).hasSize(3);
        try (StateStore state = StateStore.open(dir)) {
            assertThat(InMemoryRepsToStore.writingThrough(state).repsTo()).isEqualTo(written);
        }
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME));
             var rs = db.createStatement().executeQuery("SELECT naming_context, uuid_dsa, value FROM reps_to "
                     + "ORDER BY naming_context_key, uuid_dsa")) {
            while (rs.next()) {
                blobs.put(rs.getString(1) + " " + rs.getString(2), rs.getBytes(3));
            }
        }
        assertThat(blobs).hasSize(3);
        for (RepsToEntry e : written) {
            byte[] stored = blobs.get(e.namingContext() + " " + e.repsTo().uuidDsa().toString().toUpperCase());
            assertThat(stored).as(e.toString()).isEqualTo(RepsFromToCodec.encode(
                    e.repsTo().toBlob(StateStore.REPS_TO_VERSION, StateStore.REPS_TO_LAYOUT)));
            assertThat(RepsTo.from(RepsFromToCodec.decode(stored))).isEqualTo(e.repsTo());
        }
    }

    @Test
    void aDamagedValueStopsStartUp() throws SQLException {
        try (StateStore state = StateStore.open(dir)) {
            InMemoryRepsToStore.writingThrough(state).put(new RepsToEntry(EXAMPLE, partner(1, "dc1", 0)));
        }
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStore.FILE_NAME))) {
            db.createStatement().execute("UPDATE reps_to SET value = x'0300000000'");
        }
        try (StateStore state = StateStore.open(dir)) {
            assertThatThrownBy(() -> InMemoryRepsToStore.writingThrough(state))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("a repsTo value of DC=example,DC=com is damaged")
                    .hasMessageContaining("left as it is");
        }
    }

    @Test
    void aFailedWriteKeepsTheValueInMemory() {
        StateStore state = StateStore.open(dir);
        InMemoryRepsToStore store = InMemoryRepsToStore.writingThrough(state);
        List<String> heard = record(store);
        state.close();
        store.put(new RepsToEntry(EXAMPLE, partner(1, "dc1.example.com", 0)));
        assertThat(store.repsTo()).hasSize(1);
        assertThat(heard).containsExactly("- -> 0");
    }
}
