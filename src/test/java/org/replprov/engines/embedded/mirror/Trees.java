package org.replprov.engines.embedded.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Writes and reads small directory trees for the mirror tests. */
final class Trees {

    private Trees() {
    }

    static void write(Path root, String path, String content, Instant mtime) {
        try {
            Path f = root.resolve(path);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(f, FileTime.from(mtime));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every file and directory below {@code root} except DfsrPrivate: path → content (files, with their mtime) or
     * "dir" (directories).
     */
    static Map<String, String> read(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !p.equals(root)).forEach(p -> {
                String rel = root.relativize(p).toString();
                if (rel.equals(Replica.PRIVATE) || rel.startsWith(Replica.PRIVATE + "/")) {
                    return;
                }
                try {
                    out.put(rel, Files.isDirectory(p) ? "dir"
                            : Files.readString(p) + " @" + Files.getLastModifiedTime(p).toInstant().toEpochMilli());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The files in ConflictAndDeleted, relative to it, with their content. */
    static Map<String, String> conflicts(Path replicaRoot) {
        Path c = replicaRoot.resolve(Replica.PRIVATE).resolve("ConflictAndDeleted");
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(c)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(c)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                try {
                    out.put(c.relativize(p).toString(), Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
