package org.replprov.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * HTTP Basic authentication (RFC 7617) against the configured users.
 *
 * <p>Password hashes are deliberately slow, and monitoring clients send the same credentials with every request, so a
 * successful check is remembered for {@link #CACHE_TTL} under a SHA-256 digest of the header (never the password
 * itself). Failed checks are not remembered; at most {@link #PARALLEL_CHECKS} hashes are computed at once, so a flood
 * of wrong passwords costs bounded CPU. An unknown user name costs one hash computation like a known one, so response
 * times do not tell which names exist.
 */
public final class BasicAuthenticator {

    /** How long a verified credential is trusted without hashing again. */
    public static final Duration CACHE_TTL = Duration.ofMinutes(5);
    static final int CACHE_SIZE = 1024;
    static final int PARALLEL_CHECKS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final String realm;
    private final Map<String, User> users;
    private final int decoyIterations;
    private PasswordHash decoy;
    private final Clock clock;
    private final Semaphore hashing = new Semaphore(PARALLEL_CHECKS);
    private final Map<String, Verified> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private record Verified(Principal principal, Instant until) {
    }

    public BasicAuthenticator(String realm, List<User> users, Clock clock) {
        this.realm = realm;
        this.users = users.stream().collect(Collectors.toUnmodifiableMap(User::name, Function.identity()));
        this.decoyIterations = users.stream().mapToInt(u -> u.passwordHash().iterations()).max()
                .orElse(PasswordHash.DEFAULT_ITERATIONS);
        this.clock = clock;
    }

    /** The {@code WWW-Authenticate} value of a 401 answer: {@code Basic realm="replprov", charset="UTF-8"}. */
    public String challenge() {
        return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }

    /**
     * The user an {@code Authorization} header authenticates, or empty when it is missing, not Basic, malformed, or
     * names a wrong user or password.
     */
    public Optional<Principal> authenticate(String authorization) throws InterruptedException {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String key = digest(authorization);
        Instant now = clock.instant();
        synchronized (cache) {
            Verified v = cache.get(key);
            if (v != null && now.isBefore(v.until())) {
                return Optional.of(v.principal());
            }
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        User user = users.get(decoded.substring(0, colon));
        char[] password = decoded.substring(colon + 1).toCharArray();
        boolean ok;
        hashing.acquire();
        try {
            ok = (user == null ? decoy() : user.passwordHash()).matches(password) && user != null;
        } finally {
            hashing.release();
        }
        if (!ok) {
            return Optional.empty();
        }
        Principal principal = user.principal();
        synchronized (cache) {
            cache.put(key, new Verified(principal, now.plus(CACHE_TTL)));
        }
        return Optional.of(principal);
    }

    /** The hash unknown users are checked against; made on first need, to keep start-up fast. */
    private synchronized PasswordHash decoy() {
        if (decoy == null) {
            decoy = PasswordHash.create("decoy".toCharArray(), decoyIterations);
        }
        return decoy;
    }

    /** The user name a header claims, for logging a failed attempt; null when it names none. */
    public static String claimedUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    });

    private static String digest(String header) {
        return HexFormat.of().formatHex(SHA256.get().digest(header.getBytes(StandardCharsets.UTF_8)));
    }
}
