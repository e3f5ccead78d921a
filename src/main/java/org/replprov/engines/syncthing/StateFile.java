package org.replprov.engines.syncthing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.replprov.engines.syncthing.rest.SyncthingConfig;

/**
 * What a {@code syncthing} engine instance keeps across restarts, in {@code syncthing-state.json} of its state
 * directory: the times Syncthing does not keep (each link's last successful sync), the device and folder settings the
 * engine changed for ForceReplication with what they were before (so that they are put back after a restart or a
 * kill -9), and the last configuration read (so that the links can be shown In Error while Syncthing cannot be
 * reached).
 *
 * <p>Every save writes a new file, forces it to disk and renames it over the old one: a crash leaves the old or the
 * new state, never a mix. A file that cannot be read is kept aside as {@code .corrupt} and the engine starts afresh,
 * saying so in the log.
 */
final class StateFile {

    static final String NAME = "syncthing-state.json";
    static final int FORMAT = 1;
    /** Far above the configuration of a few thousand folders. */
    private static final long MAX_BYTES = 32 << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * The saved state.
     *
     * @param myId the local device ID of {@code config}; empty before the first read
     * @param lastSuccess per ConnectionGuid: LastSuccessfulSyncTime, in epoch milliseconds
     * @param lastSync per ConnectionGuid: LastSyncTime, in epoch milliseconds
     * @param held the settings changed by ForceReplication and ForceFolderReplication and not yet put back
     */
    record Saved(int format, String myId, SyncthingConfig config, Map<UUID, Long> lastSuccess,
                 Map<UUID, Long> lastSync, List<Held> held) {
        Saved {
            lastSuccess = Map.copyOf(lastSuccess == null ? Map.of() : lastSuccess);
            lastSync = Map.copyOf(lastSync == null ? Map.of() : lastSync);
            held = List.copyOf(held == null ? List.of() : held);
            myId = myId == null ? "" : myId;
        }

        static Saved empty() {
            return new Saved(FORMAT, "", null, Map.of(), Map.of(), List.of());
        }

        Optional<SyncthingConfig> knownConfig() {
            return myId.isEmpty() ? Optional.empty() : Optional.ofNullable(config);
        }
    }

    /**
     * A device or folder setting the engine changed and will put back.
     *
     * @param folder true for a folder (its pause), false for a device (its pause and receive limit)
     * @param id the device or folder ID
     * @param previousPaused whether it was paused before the engine's first change
     * @param previousMaxRecvKbps the device's receive limit before (KiB/s, 0 unlimited); 0 for a folder
     * @param appliedPaused what the engine set
     * @param appliedMaxRecvKbps what the engine set (KiB/s); 0 for a folder
     * @param untilInSync Sync Until In-Sync: put back once every folder carried is in sync
     * @param userChanged someone changed the pause in Syncthing after the engine did: the pause is theirs now and is
     *     left as it is when the rest is put back
     * @param since when the engine first changed it (epoch ms); a hold older than the longest override is put back
     * @param appliedAt when the engine last changed it (epoch ms)
     */
    record Held(boolean folder, String id, boolean previousPaused, long previousMaxRecvKbps, boolean appliedPaused,
                long appliedMaxRecvKbps, boolean untilInSync, boolean userChanged, long since, long appliedAt) {

        String key() {
            return (folder ? "folder:" : "device:") + id;
        }

        Held markUserChanged() {
            return new Held(folder, id, previousPaused, previousMaxRecvKbps, appliedPaused, appliedMaxRecvKbps,
                    untilInSync, true, since, appliedAt);
        }
    }

    private final Path file;

    StateFile(Path directory) {
        this.file = directory.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /** The saved state; empty when there is none. */
    Saved load() throws Unreadable {
        if (!Files.exists(file)) {
            return Saved.empty();
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new Unreadable(file + " has " + size + " bytes, more than " + MAX_BYTES);
            }
            Saved s = MAPPER.readValue(Files.readAllBytes(file), Saved.class);
            if (s == null || s.format() != FORMAT) {
                throw new Unreadable(file + ": format " + (s == null ? "none" : s.format()) + ", expected " + FORMAT);
            }
            return s;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new Unreadable(file + ": " + e.getOriginalMessage()
                    + (at == null ? "" : " at byte offset " + at.getByteOffset() + " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new Unreadable(file + ": " + e);
        }
    }

    /** Keeps an unreadable file for inspection, out of the way of the next save. */
    void setAside() throws IOException {
        Files.move(file, file.resolveSibling(NAME + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
    }

    void save(Saved s) throws IOException {
        byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(s);
        Path tmp = file.resolveSibling(NAME + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The saved state could not be read: the message names the file and, for a syntax error, the byte offset. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** A mutable copy of a map, for building the next {@link Saved}. */
    static <K, V> Map<K, V> copy(Map<K, V> m) {
        return new LinkedHashMap<>(m);
    }

    static <T> List<T> copy(List<T> l) {
        return new ArrayList<>(l);
    }
}
