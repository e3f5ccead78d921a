package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One test vector file {@code <case>.hex} under {@code src/test/resources/vectors/drsr/reps-to}: {@code #} comment
 * lines (the first ones cite the source), then hex digits with any whitespace. A comment
 * {@code # unread-bytes: N} declares how many bytes no field describes (default 0). Files named
 * {@code fuzzed-<n>.hex} are malformed on purpose.
 *
 * <p>Vectors are read from the source tree, not the class path, so that {@code -Dvectors.update=true} rewrites the
 * golden files where they are kept.
 */
public record HexVector(Path path, String name, byte[] bytes, int unreadBytes) {

    static final Path DIR = Path.of(System.getProperty("basedir", "."), "src/test/resources/vectors/drsr/reps-to");

    /** Whether golden files are rewritten instead of compared: {@code mvn test -Dvectors.update=true}. */
    static final boolean UPDATE = Boolean.getBoolean("vectors.update");

    private static final String UNREAD = "unread-bytes:";
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** Every vector, in natural order (fuzzed-2 before fuzzed-10). */
    static List<HexVector> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".hex"))
                    .map(HexVector::read)
                    .sorted(Comparator.comparing(HexVector::sortKey))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vectors that decode. */
    static List<HexVector> valid() {
        return all().stream().filter(v -> !v.malformed()).toList();
    }

    /** The vector {@code <name>.hex}: for tests elsewhere that start from a real value. */
    public static HexVector named(String name) {
        return read(DIR.resolve(name + ".hex"));
    }

    static HexVector read(Path path) {
        String file = path.getFileName().toString();
        StringBuilder hex = new StringBuilder();
        int unread = 0;
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String text = line.strip();
                if (text.startsWith("#")) {
                    String comment = text.substring(1).strip();
                    if (comment.startsWith(UNREAD)) {
                        unread = Integer.parseInt(comment.substring(UNREAD.length()).strip());
                    }
                } else {
                    hex.append(text.replaceAll("\\s+", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HexVector(path, file.substring(0, file.length() - ".hex".length()),
                Bytes.fromHex(hex.toString()).toArray(), unread);
    }

    boolean malformed() {
        return name.startsWith("fuzzed-");
    }

    Path sibling(String suffix) {
        return path.resolveSibling(name + suffix);
    }

    /** The name with every number zero-padded, so fuzzed-2 sorts before fuzzed-10. */
    private String sortKey() {
        return NUMBER.matcher(name).replaceAll(m -> String.format("%08d", Long.parseLong(m.group())));
    }

    /**
     * Compares {@code actual} with the golden file, or writes it when updating. A missing golden file fails with a
     * hint rather than passing silently.
     */
    static void golden(Path file, String actual) {
        try {
            if (UPDATE) {
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError(file + " is missing; create it with: mvn test -Dvectors.update=true");
            }
            assertThat(actual).as(file.getFileName().toString())
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of golden files that have no {@code .hex} beside them. */
    static List<String> orphans() {
        List<String> orphans = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            files.map(f -> f.getFileName().toString()).forEach(f -> {
                for (String suffix : List.of(".dump.txt", ".error.txt")) {
                    if (f.endsWith(suffix)
                            && !Files.exists(DIR.resolve(f.substring(0, f.length() - suffix.length()) + ".hex"))) {
                        orphans.add(f);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return orphans;
    }
}
