package org.replprov;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The value packages hold immutable values only: every class is a record, an enum, an interface or final, and no
 * field is public and mutable.
 */
class ValueConventionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"cim", "repository"})
    void valuePackagesHoldOnlyImmutableShapes(String pkg) throws Exception {
        List<String> violations = new ArrayList<>();
        for (Class<?> c : classesOf(pkg)) {
            if (c.isSynthetic() || c.isAnonymousClass()) {
                continue; // compiler-made (switch maps)
            }
            boolean shapeOk = c.isRecord() || c.isEnum() || c.isInterface() || c.isAnnotation()
                    || Modifier.isFinal(c.getModifiers()) || c.isSealed()
                    || Throwable.class.isAssignableFrom(c);
            if (!shapeOk) {
                violations.add(c.getName() + " is neither final, sealed, a record nor an enum");
            }
            for (Field f : c.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isPublic(m) && !Modifier.isFinal(m)) {
                    violations.add(c.getName() + "." + f.getName() + " is public and not final");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Class<?>> classesOf(String pkg) throws IOException, ClassNotFoundException {
        Path dir = Path.of("target/classes/org/replprov", pkg);
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String simple = f.getFileName().toString().replace(".class", "");
                if (simple.equals("package-info")) {
                    continue;
                }
                out.add(Class.forName("org.replprov." + pkg + "." + simple, false,
                        ValueConventionsTest.class.getClassLoader()));
            }
        }
        return out;
    }
}
