package org.replprov.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** Generated passwords, and the files that keep them: readable by their owner only. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private Secrets() {
    }

    /** A fresh password: 192 random bits in base64url (32 characters, no padding), safe on any command line. */
    public static String randomPassword() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * Writes {@code secret} and a line end to a new file that only its owner may read: created so, not restricted
     * afterwards, so that nobody can open it in between.
     */
    public static void writePrivate(Path file, String secret) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file); // permissions are the file system's business there
        }
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    }

    /** The first line of a file {@link #writePrivate} wrote. */
    public static String read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
    }

    /** Makes {@code file} readable and writable by its owner only (where the file system has POSIX permissions). */
    public static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            // permissions are the file system's business there
        }
    }
}
