package org.replprov.server.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash (RFC 8018 §5.2), written
 * {@code pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>}.
 *
 * <p>PBKDF2 is in every JDK, so hashes need no extra library and {@code replprov hash-password} can make them
 * anywhere. The iteration count follows the OWASP recommendation for PBKDF2-HMAC-SHA256 (600 000); verification is
 * therefore slow by design, and the authenticator caches successful checks.
 */
public final class PasswordHash {

    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 600_000;
    /**
     * The fewest iterations a hash may have: {@code hash-password} makes no weaker hash and the daemon loads none.
     * (OWASP recommends 600 000; 10 000 keeps tests fast.)
     */
    public static final int MIN_ITERATIONS = 10_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * Hashes {@code password} with a fresh random salt.
     *
     * @throws IllegalArgumentException when the password is empty or {@code iterations} is below
     *     {@link #MIN_ITERATIONS}
     */
    public static PasswordHash create(char[] password, int iterations) {
        if (password.length == 0) {
            throw new IllegalArgumentException("the password is empty");
        }
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BYTES));
    }

    public static PasswordHash create(char[] password) {
        return create(password, DEFAULT_ITERATIONS);
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static PasswordHash parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a password hash of the form " + SCHEME
                    + ":<iterations>:<salt>:<hash>");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count '" + parts[1] + "' is not a number");
        }
        checkIterations(iterations);
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the salt or hash is not valid base64: " + e.getMessage());
        }
        if (salt.length < 8 || hash.length < 16) {
            throw new IllegalArgumentException("the salt or hash is too short");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** The one check of an iteration count, for made and for loaded hashes alike. */
    public static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("the iteration count " + iterations + " is below " + MIN_ITERATIONS);
        }
    }

    /**
     * True when this is the hash of the empty password: such a hash was made by a tool that did not refuse it, and
     * would let anyone in who sends a user name and a colon. Costs one hash computation.
     */
    public boolean ofEmptyPassword() {
        return matches(new char[0]);
    }

    public int iterations() {
        return iterations;
    }

    /** True when {@code password} hashes to this hash; compares in constant time. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int length) {
        KeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash p && iterations == p.iterations && Arrays.equals(salt, p.salt)
                && Arrays.equals(hash, p.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }
}
