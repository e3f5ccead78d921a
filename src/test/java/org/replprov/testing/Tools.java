package org.replprov.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * External programs the tests use. A missing one fails the test with the Debian package to install (scripts/test
 * installs them all); a test never skips because of it.
 */
public final class Tools {

    private Tools() {
    }

    /** The executable {@code name} on the PATH, or in /usr/sbin and /sbin, where Debian puts daemons. */
    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin"
                + File.pathSeparator + "/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    /** The executable {@code name}; fails naming {@code debianPackage} when it is not installed. */
    public static String require(String name, String debianPackage) {
        return find(name).map(Path::toString).orElseThrow(() -> new IllegalStateException(name
                + " is not installed: install the Debian package " + debianPackage + " (scripts/test does)"));
    }
}
