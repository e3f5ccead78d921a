package org.replprov.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test vectors: data files under {@code src/test/resources/vectors}, one generic runner per kind. */
public final class Vectors {

    private Vectors() {
    }

    /** The files directly in {@code vectors/<dir>} whose names end with {@code suffix}, sorted by name. */
    public static List<Path> files(String dir, String suffix) {
        URL url = Vectors.class.getResource("/vectors/" + dir);
        if (url == null) {
            throw new IllegalStateException("no test resource directory vectors/" + dir);
        }
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("no *" + suffix + " files in vectors/" + dir);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
