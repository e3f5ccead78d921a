package org.replprov.engines.windows.wmio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The hex vectors under {@code src/test/resources/vectors/wmio}: {@code #} comment lines (the first cite the
 * source), then hex digits with any whitespace.
 */
final class WmioVectors {

    static final Path DIR = Path.of(System.getProperty("basedir", "."), "src/test/resources/vectors/wmio");

    private WmioVectors() {
    }

    static byte[] read(String name) {
        StringBuilder hex = new StringBuilder();
        try {
            for (String line : Files.readAllLines(DIR.resolve(name + ".hex"), StandardCharsets.UTF_8)) {
                if (!line.strip().startsWith("#")) {
                    hex.append(line.replaceAll("\\s+", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
