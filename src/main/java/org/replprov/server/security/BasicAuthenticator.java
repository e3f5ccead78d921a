package org.replprov.server.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.replprov.log.LogSafe;

/**
 * HTTP Basic authentication (RFC 7617) against the configured users, built so that a flood of wrong passwords stalls
 * neither the request workers nor the users who know theirs.
 *
 * <h2>API</h2>
 * <pre>
 * authenticator.authenticate(request.header("Authorization"), clientAddress)   // never blocks
 *         .thenAccept(result -&gt; switch (result) {
 *             case AuthResult.Authenticated a -&gt; serve(a.principal());
 *             case AuthResult.Rejected r      -&gt; answer(401, "WWW-Authenticate: " + authenticator.challenge());
 *             case AuthResult.Throttled t     -&gt; answer(429, "Retry-After: " + t.retryAfterSeconds());
 *             case AuthResult.Busy b          -&gt; answer(503, "Retry-After: 1");
 *         });
 * </pre>
 * {@link #authenticate(String, InetAddress)} answers at once from memory when it can (a completed future) and
 * otherwise hands the PBKDF2 computation to a small pool of its own, so the calling thread never computes or waits
 * for a hash. {@link #close()} stops that pool; a check still queued then completes with {@link AuthResult.Busy}.
 *
 * <h2>What is remembered</h2>
 * <ul>
 *   <li><b>Successes</b>, for {@link #CACHE_TTL}, under a SHA-256 digest of the whole header (never the password):
 *       monitoring clients send the same credentials with every request, and a slow hash per request would be
 *       unaffordable. At most {@link #CACHE_SIZE} entries, least recently used dropped first. A remembered success
 *       is answered before any throttling, so a user who logged in keeps working even when others fail from the same
 *       address.</li>
 *   <li><b>Failures</b>, for {@link #FAILURE_TTL}, per user name, client address and header digest: a client that
 *       repeats a wrong password is told no from memory, while the same user typing the right one is checked at
 *       once. At most {@link #CACHE_SIZE} entries.</li>
 *   <li><b>Failing addresses</b>: an address (an IPv6 address by its /64, the block one host usually holds) with
 *       {@link #MAX_FAILURES} failed attempts within {@link #FAILURE_WINDOW} is {@link AuthResult.Throttled} until the
 *       oldest of them leaves the window; its passwords are not looked at meanwhile. At most {@link #MAX_ADDRESSES}
 *       addresses are tracked. An address that does not fail is never throttled or delayed.</li>
 * </ul>
 *
 * <h2>Bounded work</h2>
 * At most {@link #PARALLEL_CHECKS} hashes are computed at once. Checks from addresses that failed within the window
 * wait behind those from addresses that did not, each kind in a queue of at most {@link #QUEUE}, and at most
 * {@link #QUEUED_PER_ADDRESS} checks from one address wait; beyond that the answer is {@link AuthResult.Busy} at once.
 * So a flood of wrong passwords delays only itself: a user who is not failing waits for at most the hashes being
 * computed and the few other clean checks. An unknown user name costs one hash like a known one, so response times
 * do not tell which names exist.
 */
public final class BasicAuthenticator implements AutoCloseable {

    /** How long a verified credential is trusted without hashing again. */
    public static final Duration CACHE_TTL = Duration.ofMinutes(5);
    /** How long a failed credential is refused from memory (for the same user, address and header). */
    public static final Duration FAILURE_TTL = Duration.ofSeconds(60);
    /** Failed attempts from one address within {@link #FAILURE_WINDOW} that make it throttled. */
    public static final int MAX_FAILURES = 10;
    public static final Duration FAILURE_WINDOW = Duration.ofSeconds(60);
    static final int CACHE_SIZE = 1024;
    static final int MAX_ADDRESSES = 4096;
    static final int PARALLEL_CHECKS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    static final int QUEUE = 32;
    static final int QUEUED_PER_ADDRESS = 4;

    private final String realm;
    private final Map<String, User> users;
    private final int decoyIterations;
    private PasswordHash decoy;
    private final Clock clock;
    private final ThreadPoolExecutor hashing;

    // All guarded by this; held only for map operations, never while hashing.
    private final Map<String, Verified> verified = lru(CACHE_SIZE);
    private final Map<FailureKey, Instant> failed = lru(CACHE_SIZE);
    private final Map<String, ArrayDeque<Instant>> failuresByAddress = lru(MAX_ADDRESSES);
    private final Map<String, Integer> queuedByAddress = new HashMap<>();
    /** Checks queued or running: the same header from the same address waits for that one instead of queueing. */
    private final Map<FailureKey, Check> inFlight = new HashMap<>();
    private int queuedClean;
    private int queuedSuspect;
    private long sequence;
    private long computed;

    private record Verified(Principal principal, Instant until) {
    }

    private record FailureKey(String user, String address, String digest) {
    }

    /** A header taken apart: the digest it is remembered by, the user it names and the password. */
    private record Credentials(String digest, String user, char[] password) {
    }

    public BasicAuthenticator(String realm, List<User> users, Clock clock) {
        this.realm = realm;
        this.users = users.stream().collect(Collectors.toUnmodifiableMap(User::name, Function.identity()));
        this.decoyIterations = users.stream().mapToInt(u -> u.passwordHash().iterations()).max()
                .orElse(PasswordHash.DEFAULT_ITERATIONS);
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.hashing = new ThreadPoolExecutor(PARALLEL_CHECKS, PARALLEL_CHECKS, 0, TimeUnit.SECONDS,
                new PriorityBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "replprov-password-check-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The {@code WWW-Authenticate} value of a 401 answer: {@code Basic realm="replprov", charset="UTF-8"}. */
    public String challenge() {
        return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }

    /**
     * Checks an {@code Authorization} header sent from {@code client}; never blocks. Missing, non-Basic and malformed
     * headers are {@link AuthResult.Rejected} at once.
     */
    public CompletableFuture<AuthResult> authenticate(String authorization, InetAddress client) {
        Optional<Credentials> parsed = parse(authorization);
        if (parsed.isEmpty()) {
            return CompletableFuture.completedFuture(new AuthResult.Rejected(claimedUser(authorization)));
        }
        Credentials c = parsed.get();
        String address = addressKey(client);
        FailureKey failureKey = new FailureKey(c.user(), address, c.digest());
        Instant now = clock.instant();
        Check check;
        synchronized (this) {
            Verified v = verified.get(c.digest());
            if (v != null && now.isBefore(v.until())) {
                return CompletableFuture.completedFuture(new AuthResult.Authenticated(v.principal()));
            }
            Optional<Duration> throttled = throttled(address, now);
            if (throttled.isPresent()) {
                return CompletableFuture.completedFuture(new AuthResult.Throttled(throttled.get()));
            }
            if (c.password().length == 0) {
                // Never a valid password (hash-password and the configuration refuse it): no hash needed.
                recordFailure(address, now);
                return CompletableFuture.completedFuture(rejected(c));
            }
            Instant refusedUntil = failed.get(failureKey);
            if (refusedUntil != null && now.isBefore(refusedUntil)) {
                recordFailure(address, now);
                return CompletableFuture.completedFuture(rejected(c));
            }
            Check pending = inFlight.get(failureKey);
            if (pending != null && !pending.result.isDone()) {
                // A client opening many connections at once with the same credentials: one hash for all of them.
                Arrays.fill(c.password(), '\0');
                return pending.result;
            }
            ArrayDeque<Instant> recent = failuresByAddress.get(address);
            boolean suspect = recent != null && !recent.isEmpty()
                    && now.isBefore(recent.peekLast().plus(FAILURE_WINDOW));
            if (queuedByAddress.getOrDefault(address, 0) >= QUEUED_PER_ADDRESS
                    || (suspect ? queuedSuspect : queuedClean) >= QUEUE) {
                return CompletableFuture.completedFuture(new AuthResult.Busy());
            }
            queuedByAddress.merge(address, 1, Integer::sum);
            check = new Check(c, failureKey, suspect, sequence++);
            inFlight.put(failureKey, check);
            if (suspect) {
                queuedSuspect++;
            } else {
                queuedClean++;
            }
        }
        try {
            hashing.execute(check);
        } catch (RejectedExecutionException closed) {
            check.abandon();
        }
        return check.result;
    }

    /**
     * One queued password check. Checks from addresses without recent failures go first, so that a flood of wrong
     * passwords queues behind itself and not in front of users who know theirs; within each kind, first come first
     * served.
     */
    private final class Check implements Runnable, Comparable<Check> {
        final Credentials credentials;
        final FailureKey key;
        final boolean suspect;
        final long sequence;
        final CompletableFuture<AuthResult> result = new CompletableFuture<>();

        Check(Credentials credentials, FailureKey key, boolean suspect, long sequence) {
            this.credentials = credentials;
            this.key = key;
            this.suspect = suspect;
            this.sequence = sequence;
        }

        @Override
        public int compareTo(Check o) {
            return suspect != o.suspect ? (suspect ? 1 : -1) : Long.compare(sequence, o.sequence);
        }

        @Override
        public void run() {
            AuthResult r;
            try {
                r = verify(credentials, key);
            } catch (RuntimeException | Error e) {
                dequeued(this);
                result.completeExceptionally(e);
                return;
            }
            // Out of the in-flight map before the waiters hear: a later request consults the caches afresh.
            dequeued(this);
            result.complete(r);
        }

        /** Never run (the authenticator closed): answered as if the queue had been full. */
        void abandon() {
            Arrays.fill(credentials.password(), '\0');
            dequeued(this);
            result.complete(new AuthResult.Busy());
        }
    }

    /** On a hashing thread: one PBKDF2 computation, then the result remembered. */
    private AuthResult verify(Credentials c, FailureKey failureKey) {
        User user = users.get(c.user());
        boolean ok;
        try {
            ok = (user == null ? decoy() : user.passwordHash()).matches(c.password()) && user != null;
        } finally {
            Arrays.fill(c.password(), '\0');
        }
        Instant now = clock.instant();
        synchronized (this) {
            computed++;
            if (ok) {
                verified.put(c.digest(), new Verified(user.principal(), now.plus(CACHE_TTL)));
                return new AuthResult.Authenticated(user.principal());
            }
            failed.put(failureKey, now.plus(FAILURE_TTL));
            recordFailure(failureKey.address(), now);
        }
        return rejected(c);
    }

    private static AuthResult.Rejected rejected(Credentials c) {
        return new AuthResult.Rejected(LogSafe.of(c.user(), 64));
    }

    private synchronized void dequeued(Check check) {
        inFlight.remove(check.key, check);
        queuedByAddress.computeIfPresent(check.key.address(), (a, n) -> n <= 1 ? null : n - 1);
        if (check.suspect) {
            queuedSuspect--;
        } else {
            queuedClean--;
        }
    }

    /** How long {@code address} stays throttled, if it is. Guarded by this. */
    private Optional<Duration> throttled(String address, Instant now) {
        ArrayDeque<Instant> recent = failuresByAddress.get(address);
        if (recent == null || recent.size() < MAX_FAILURES) {
            return Optional.empty();
        }
        Instant free = recent.peekFirst().plus(FAILURE_WINDOW);
        return now.isBefore(free) ? Optional.of(Duration.between(now, free)) : Optional.empty();
    }

    /** Keeps the times of the last {@link #MAX_FAILURES} failures of an address. Guarded by this. */
    private void recordFailure(String address, Instant now) {
        ArrayDeque<Instant> recent = failuresByAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
        recent.addLast(now);
        while (recent.size() > MAX_FAILURES || now.isAfter(recent.peekFirst().plus(FAILURE_WINDOW))) {
            recent.removeFirst();
        }
    }

    /** The key an address is tracked by: IPv4 as is, IPv6 by its /64 (a host can use any address in it). */
    static String addressKey(InetAddress client) {
        byte[] a = client.getAddress();
        if (client instanceof Inet6Address && !client.isLoopbackAddress()) {
            return HexFormat.of().formatHex(a, 0, 8) + "::/64";
        }
        return client.getHostAddress();
    }

    /** The hash unknown users are checked against; made on first need, to keep start-up fast. */
    private synchronized PasswordHash decoy() {
        if (decoy == null) {
            decoy = PasswordHash.create("decoy".toCharArray(), decoyIterations);
        }
        return decoy;
    }

    private static Optional<Credentials> parse(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
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
        return Optional.of(new Credentials(digest(authorization), decoded.substring(0, colon),
                decoded.substring(colon + 1).toCharArray()));
    }

    /**
     * The user name a header claims, for logging a failed attempt: with control characters escaped and at most 64
     * characters ({@link LogSafe}), so that the name cannot forge a log line; null when it names none.
     */
    public static String claimedUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : LogSafe.of(decoded.substring(0, colon), 64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** How many password hashes have been computed: the checks that memory could not answer (a metric). */
    public synchronized long hashesComputed() {
        return computed;
    }

    /** Stops the hashing threads; checks still queued complete with {@link AuthResult.Busy}. */
    @Override
    public void close() {
        for (Runnable queued : hashing.shutdownNow()) {
            ((Check) queued).abandon();
        }
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
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
