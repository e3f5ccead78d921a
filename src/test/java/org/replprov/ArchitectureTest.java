package org.replprov;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Enforces the layering of docs/architecture.md by reading the sources: every reference from one project package to
 * another must follow an allowed direction. A new package must be added here on purpose.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/org/replprov");
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.replprov\\.([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*)");

    /** Layer → the layers it may use (besides itself). Longest matching prefix decides a package's layer. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("cim", Set.of()),
            Map.entry("drsr", Set.of()),
            Map.entry("config", Set.of()),
            Map.entry("time", Set.of()),
            Map.entry("log", Set.of()),
            Map.entry("metrics", Set.of()),
            Map.entry("xml", Set.of()),
            Map.entry("repository", Set.of("cim")),
            Map.entry("mof", Set.of("cim", "repository")),
            Map.entry("wql", Set.of("cim", "repository")),
            Map.entry("state", Set.of("cim", "drsr", "engine.spi", "config", "log")),
            Map.entry("engine.spi", Set.of("cim", "drsr", "config", "time")),
            Map.entry("engine", Set.of("engine.spi", "cim", "drsr", "config", "log")),
            Map.entry("provider.spi", Set.of("cim", "repository", "wql")),
            Map.entry("provider", Set.of("provider.spi", "cim", "repository", "wql", "mof", "log")),
            Map.entry("module", Set.of("provider.spi", "provider", "engine.spi", "engine", "cim", "repository",
                    "state", "metrics", "config", "time")),
            Map.entry("providers", Set.of("module", "provider.spi", "provider", "engine.spi", "engine", "cim",
                    "repository", "wql", "drsr", "state", "metrics", "config", "time", "log")),
            Map.entry("engines", Set.of("xml", "engine.spi", "cim", "drsr", "state", "config", "time", "log", "repository",
                    "mof")),
            Map.entry("operation", Set.of("cim", "repository", "wql", "provider", "provider.spi", "log")),
            Map.entry("protocol", Set.of("xml", "operation", "cim", "repository", "wql", "provider", "provider.spi", "log")),
            // The daemon names no class family: it loops over the class modules.
            Map.entry("server", Set.of("operation", "protocol", "provider", "provider.spi", "module", "engine",
                    "engine.spi", "state", "metrics", "cim", "repository", "wql", "mof", "drsr", "config", "time",
                    "log")),
            Map.entry("cli", Set.of("*")));

    @Test
    void packagesOnlyUseTheLayersBelowThem() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted(Comparator.naturalOrder()).forEach(f -> {
                String pkg = MAIN.relativize(f.getParent()).toString().replace('/', '.');
                String layer = layerOf(pkg);
                if (layer == null) {
                    violations.add(f + ": package org.replprov." + pkg + " has no layer in ArchitectureTest");
                    return;
                }
                Set<String> allowed = ALLOWED.get(layer);
                for (String used : referencedPackages(f)) {
                    String target = layerOf(used);
                    if (target == null || target.equals(layer) || allowed.contains("*") || allowed.contains(target)) {
                        continue;
                    }
                    violations.add(f + ": layer '" + layer + "' must not use org.replprov." + used);
                }
            });
        }
        assertThat(violations).as("dependency directions (docs/architecture.md)").isEmpty();
    }

    /** A class family (providers.dfsr, providers.ad, …) is a module of its own: it uses no other family. */
    @Test
    void classFamiliesDoNotUseEachOther() throws IOException {
        Path providers = MAIN.resolve("providers");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(providers)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted(Comparator.naturalOrder()).forEach(f -> {
                Path rel = providers.relativize(f);
                if (rel.getNameCount() < 2) {
                    return;
                }
                String family = "providers." + rel.getName(0);
                for (String used : referencedPackages(f)) {
                    if (used.startsWith("providers.") && !used.equals(family) && !used.startsWith(family + ".")) {
                        violations.add(f + ": class family '" + family + "' must not use org.replprov." + used);
                    }
                }
            });
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyPackageSaysWhatItOwns() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            dirs.filter(Files::isDirectory).filter(ArchitectureTest::hasJava)
                    .filter(d -> !Files.exists(d.resolve("package-info.java")))
                    .forEach(d -> missing.add(d.toString()));
        }
        assertThat(missing).as("packages without package-info.java").isEmpty();
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root segment is the layer, except for "engine.spi" and "provider.spi", which are layers of their own. */
    static String layerOf(String pkg) {
        String best = null;
        for (String layer : ALLOWED.keySet()) {
            if ((pkg.equals(layer) || pkg.startsWith(layer + ".")) && (best == null || layer.length() > best.length())) {
                best = layer;
            }
        }
        return best;
    }

    private static Set<String> referencedPackages(Path file) {
        Set<String> out = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String code = line.strip();
                if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                    continue; // Javadoc may name any package
                }
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String ref = m.group(1);
                    // Drop a trailing class segment only when it is not lower-case; REFERENCE stops at capitals.
                    out.add(ref.endsWith(".") ? ref.substring(0, ref.length() - 1) : ref);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
