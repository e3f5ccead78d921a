package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.replprov.testing.Vectors;

/** The package's place in the architecture: it builds on the metamodel and the repository, nothing else. */
class MofPackageTest {

    @Test
    void importsOnlyCimAndRepository() throws IOException {
        try (Stream<Path> sources = Files.list(Path.of("src", "main", "java", "org", "replprov", "mof"))) {
            List<String> imports = sources.flatMap(f -> Vectors.read(f).lines()
                    .filter(l -> l.startsWith("import org.replprov.") || l.startsWith("import static org.replprov."))
                    .map(l -> f.getFileName() + ": " + l)).toList();
            assertThat(imports).isNotEmpty().allSatisfy(l -> assertThat(l)
                    .containsAnyOf("org.replprov.cim.", "org.replprov.repository.", "org.replprov.mof."));
        }
    }
}
