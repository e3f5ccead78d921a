package org.replprov.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Test vectors as data files: one {@link DynamicTest} per file of a kind, named by the file, and golden files that
 * {@code -Dvectors.update=true} rewrites instead of comparing (review the diff like code).
 */
public final class Vectors {

    /** Vectors live in the source tree, so that an update writes where git sees it. */
    public static final Path ROOT = Path.of("src", "test", "resources", "vectors");

    private Vectors() {
    }

    /** The directory of one kind of vector, e.g. {@code mof/ok}. */
    public static Path dir(String kind) {
        return ROOT.resolve(kind);
    }

    /** One test per file directly in {@code dir(kind)} whose name ends in {@code extension}, in name order. */
    public static Stream<DynamicTest> each(String kind, String extension, ThrowingConsumer<Path> test) {
        List<Path> files = files(kind, extension);
        assertThat(files).as("vectors in " + dir(kind)).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(),
                () -> test.accept(f)));
    }

    /** The files directly in {@code dir(kind)} whose name ends in {@code extension}, in name order. */
    public static List<Path> files(String kind, String extension) {
        try (Stream<Path> entries = Files.list(dir(kind))) {
            return entries.filter(f -> f.getFileName().toString().endsWith(extension)).filter(Files::isRegularFile)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code file} with its extension replaced: {@code a.mof} → {@code a.expected}. */
    public static Path sibling(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + extension);
    }

    /** The file as UTF-8 text; malformed bytes (some error vectors have them on purpose) read as U+FFFD. */
    public static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean updating() {
        return Boolean.getBoolean("vectors.update");
    }

    /** Asserts that {@code golden} holds {@code actual}; with {@code -Dvectors.update=true}, writes it instead. */
    public static void assertGolden(Path golden, String actual) {
        if (updating()) {
            try {
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertThat(golden).as("golden file (create it with -Dvectors.update=true)").exists();
        assertThat(actual).as("output against " + golden).isEqualTo(read(golden));
    }
}
