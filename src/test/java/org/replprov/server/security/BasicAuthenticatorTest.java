package org.replprov.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BasicAuthenticatorTest {

    private static final User ALICE = new User("alice", PasswordHash.create("pw".toCharArray(), 10_000),
            Set.of(Role.READER));
    private static final InetAddress A = address("10.0.0.1");
    private static final InetAddress B = address("10.0.0.2");

    private final MovingClock clock = new MovingClock();
    private final List<BasicAuthenticator> made = new ArrayList<>();

    @AfterEach
    void close() {
        made.forEach(BasicAuthenticator::close);
    }

    private BasicAuthenticator authenticator(User... users) {
        BasicAuthenticator a = new BasicAuthenticator("replprov", List.of(users), clock);
        made.add(a);
        return a;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static AuthResult await(CompletableFuture<AuthResult> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-15T10:00:00Z"));

        void advance(Duration d) {
            now.set(now.get().plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void rightCredentialsAuthenticateAndOthersDoNot() throws Exception {
        BasicAuthenticator auth = authenticator(ALICE);
        assertThat(await(auth.authenticate(basic("alice:pw"), A)))
                .isEqualTo(new AuthResult.Authenticated(new Principal("alice", Set.of(Role.READER))));
        assertThat(await(auth.authenticate("basic " + basic("alice:pw").substring(6), A)))
                .isInstanceOf(AuthResult.Authenticated.class);
        for (String bad : List.of(basic("alice:wrong"), basic("bob:pw"), basic("alice"), "Basic !!!", "Bearer x",
                "Basic", basic("alice:pw:extra"))) {
            assertThat(await(auth.authenticate(bad, B))).as(bad).isInstanceOf(AuthResult.Rejected.class);
        }
        assertThat(await(auth.authenticate(null, B))).isEqualTo(new AuthResult.Rejected(null));
        assertThat(await(auth.authenticate(basic("bob:x"), B))).isEqualTo(new AuthResult.Rejected("bob"));
        assertThat(auth.challenge()).isEqualTo("Basic realm=\"replprov\", charset=\"UTF-8\"");
    }

    @Test
    void verifiedCredentialsAreAnsweredFromMemoryUntilTheyExpire() throws Exception {
        BasicAuthenticator auth = authenticator(ALICE);
        assertThat(await(auth.authenticate(basic("alice:pw"), A))).isInstanceOf(AuthResult.Authenticated.class);
        CompletableFuture<AuthResult> again = auth.authenticate(basic("alice:pw"), B);
        assertThat(again).as("answered at once, without a hash").isDone();
        assertThat(auth.hashesComputed()).isEqualTo(1);
        clock.advance(BasicAuthenticator.CACHE_TTL.plusSeconds(1));
        assertThat(await(auth.authenticate(basic("alice:pw"), A))).isInstanceOf(AuthResult.Authenticated.class);
        assertThat(auth.hashesComputed()).as("an expired entry is hashed again").isEqualTo(2);
    }

    @Test
    void aRepeatedWrongPasswordIsRefusedFromMemoryButACorrectedOneIsChecked() throws Exception {
        BasicAuthenticator auth = authenticator(ALICE);
        assertThat(await(auth.authenticate(basic("alice:typo"), A))).isInstanceOf(AuthResult.Rejected.class);
        assertThat(auth.hashesComputed()).isEqualTo(1);
        CompletableFuture<AuthResult> repeated = auth.authenticate(basic("alice:typo"), A);
        assertThat(repeated).isDone();
        assertThat(repeated.get()).isEqualTo(new AuthResult.Rejected("alice"));
        assertThat(auth.hashesComputed()).as("no second hash for the same wrong header").isEqualTo(1);
        // Another address is its own client: its attempt is checked.
        assertThat(await(auth.authenticate(basic("alice:typo"), B))).isInstanceOf(AuthResult.Rejected.class);
        assertThat(auth.hashesComputed()).isEqualTo(2);
        // The right password right after a typo works at once.
        assertThat(await(auth.authenticate(basic("alice:pw"), A))).isInstanceOf(AuthResult.Authenticated.class);
        clock.advance(BasicAuthenticator.FAILURE_TTL.plusSeconds(1));
        assertThat(await(auth.authenticate(basic("alice:typo"), A))).isInstanceOf(AuthResult.Rejected.class);
        assertThat(auth.hashesComputed()).as("hashed again after FAILURE_TTL").isEqualTo(4);
    }

    @Test
    void anAddressThatKeepsFailingIsThrottledUntilItsFailuresLeaveTheWindow() throws Exception {
        BasicAuthenticator auth = authenticator(ALICE);
        assertThat(await(auth.authenticate(basic("alice:pw"), A))).isInstanceOf(AuthResult.Authenticated.class);
        for (int i = 0; i < BasicAuthenticator.MAX_FAILURES; i++) {
            assertThat(await(auth.authenticate(basic("alice:guess" + i), A))).as("attempt " + i)
                    .isInstanceOf(AuthResult.Rejected.class);
            clock.advance(Duration.ofSeconds(1));
        }
        long hashes = auth.hashesComputed();
        // The 10 failures span 0..9 s; the first leaves the 60 s window at 60 s, 10 s from now.
        AuthResult throttled = await(auth.authenticate(basic("alice:guess-more"), A));
        assertThat(throttled).isEqualTo(new AuthResult.Throttled(Duration.ofSeconds(50)));
        assertThat(((AuthResult.Throttled) throttled).retryAfterSeconds()).isEqualTo(50);
        assertThat(await(auth.authenticate(basic("alice:pw2"), A))).as("even a new password is not looked at")
                .isInstanceOf(AuthResult.Throttled.class);
        assertThat(auth.hashesComputed()).isEqualTo(hashes);
        // A credential verified before is still good from there; another address is not affected at all.
        assertThat(await(auth.authenticate(basic("alice:pw"), A))).isInstanceOf(AuthResult.Authenticated.class);
        assertThat(await(auth.authenticate(basic("alice:nope"), B))).isInstanceOf(AuthResult.Rejected.class);

        clock.advance(Duration.ofSeconds(49));
        assertThat(await(auth.authenticate(basic("alice:x"), A))).isEqualTo(
                new AuthResult.Throttled(Duration.ofSeconds(1)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(await(auth.authenticate(basic("alice:x"), A))).as("one failure left the window")
                .isInstanceOf(AuthResult.Rejected.class);
        assertThat(await(auth.authenticate(basic("alice:y"), A))).as("and the new failure filled it again")
                .isInstanceOf(AuthResult.Throttled.class);
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        assertThat(BasicAuthenticator.addressKey(address("2001:db8:1:2::1")))
                .isEqualTo(BasicAuthenticator.addressKey(address("2001:db8:1:2:ffff::9")))
                .isNotEqualTo(BasicAuthenticator.addressKey(address("2001:db8:1:3::1")));
        assertThat(BasicAuthenticator.addressKey(address("192.0.2.7"))).isEqualTo("192.0.2.7");
    }

    /** A client opening many connections at once with the same credentials is not refused as a flood. */
    @Test
    void simultaneousIdenticalChecksShareOneHash() throws Exception {
        BasicAuthenticator auth = authenticator(ALICE);
        List<CompletableFuture<AuthResult>> all = new ArrayList<>();
        for (int i = 0; i < 4 * BasicAuthenticator.QUEUED_PER_ADDRESS; i++) {
            all.add(auth.authenticate(basic("alice:pw"), A));
        }
        for (CompletableFuture<AuthResult> f : all) {
            assertThat(await(f)).isInstanceOf(AuthResult.Authenticated.class);
        }
        assertThat(auth.hashesComputed()).isEqualTo(1);
    }

    @Test
    void oneAddressCannotQueueMoreThanItsShareAndCloseAnswersTheQueuedOnes() throws Exception {
        // A slow hash, so that the checks are still queued when the next one comes.
        User slow = new User("slow", PasswordHash.create("pw".toCharArray(), 3_000_000), Set.of(Role.READER));
        BasicAuthenticator auth = authenticator(slow);
        List<CompletableFuture<AuthResult>> queued = new ArrayList<>();
        for (int i = 0; i < BasicAuthenticator.QUEUED_PER_ADDRESS; i++) {
            queued.add(auth.authenticate(basic("slow:wrong" + i), A));
        }
        CompletableFuture<AuthResult> extra = auth.authenticate(basic("slow:wrong-extra"), A);
        assertThat(extra).isDone();
        assertThat(extra.get()).isEqualTo(new AuthResult.Busy());
        auth.close();
        for (CompletableFuture<AuthResult> f : queued) {
            assertThat(await(f)).isIn(new AuthResult.Busy(), new AuthResult.Rejected("slow"));
        }
    }

    /**
     * 60 clients hammer wrong passwords from 60 addresses; a user who is not failing, and has never logged in
     * before, still gets in within a few hash times, where the attackers' queue alone holds dozens of hashes.
     */
    @Test
    void aValidUserAuthenticatesPromptlyWhileSixtyClientsHammerWrongPasswords() throws Exception {
        int iterations = 100_000;
        User bob = new User("bob", PasswordHash.create("right".toCharArray(), iterations), Set.of(Role.OPERATOR));
        BasicAuthenticator auth = new BasicAuthenticator("replprov", List.of(aliceAt(iterations), bob),
                Clock.systemUTC());
        made.add(auth);
        long oneHash = Long.MAX_VALUE; // the fastest of a few, once the JIT has compiled PBKDF2
        for (int i = 0; i < 8; i++) {
            long t0 = System.nanoTime();
            PasswordHash.create("calibrate".toCharArray(), iterations);
            oneHash = Math.min(oneHash, System.nanoTime() - t0);
        }

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger failedOnce = new AtomicInteger();
        List<Thread> attackers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            InetAddress from = address("10.9.0." + (i + 1));
            Thread t = new Thread(() -> {
                int n = 0;
                boolean failed = false;
                while (!stop.get()) {
                    try {
                        AuthResult r = auth.authenticate(basic("alice:guess-" + n++), from).get();
                        if (r instanceof AuthResult.Busy) {
                            busy.incrementAndGet();
                        }
                        if (r instanceof AuthResult.Rejected && !failed) {
                            failed = true;
                            failedOnce.incrementAndGet();
                        }
                        if (!(r instanceof AuthResult.Rejected)) {
                            Thread.sleep(5);
                        }
                    } catch (InterruptedException | ExecutionException e) {
                        return;
                    }
                }
            }, "attacker-" + i);
            t.setDaemon(true);
            t.start();
            attackers.add(t);
        }
        try {
            // Every attacker's first attempt comes from a clean address; once each has failed, the flood fills the
            // queue of failing addresses, and further attempts are turned away as Busy.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (failedOnce.get() < attackers.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            busy.set(0);
            while (busy.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(busy.get()).as("the flood saturates the password checks").isPositive();

            long started = System.nanoTime();
            AuthResult r = auth.authenticate(basic("bob:right"), address("10.1.0.1")).get(30, TimeUnit.SECONDS);
            long waited = System.nanoTime() - started;
            assertThat(r).isEqualTo(new AuthResult.Authenticated(bob.principal()));
            // Behind the flood's queue bob would wait for QUEUE hashes; ahead of it, for the ones being computed.
            assertThat(waited).as("bob waited %d ms, one hash takes %d ms", waited / 1_000_000, oneHash / 1_000_000)
                    .isLessThan(oneHash * 4);
            CompletableFuture<AuthResult> again = auth.authenticate(basic("bob:right"), address("10.1.0.1"));
            assertThat(again).as("and from then on he is answered from memory").isDone();
        } finally {
            stop.set(true);
            auth.close();
            for (Thread t : attackers) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
    }

    private static User aliceAt(int iterations) {
        return new User("alice", PasswordHash.create("pw".toCharArray(), iterations), Set.of(Role.READER));
    }

    @Test
    void claimedUserIsReadForTheLogOnlyAndCannotForgeALine() {
        assertThat(BasicAuthenticator.claimedUser(basic("mallory:x"))).isEqualTo("mallory");
        assertThat(BasicAuthenticator.claimedUser(basic("eve\nINFO forged line:x"))).isEqualTo(
                "eve\\nINFO forged line");
        assertThat(BasicAuthenticator.claimedUser(basic("x".repeat(12_000) + ":pw")))
                .hasSizeLessThan(100).endsWith("…(cut, 12000 chars)");
        assertThat(BasicAuthenticator.claimedUser("Basic ???")).isNull();
        assertThat(BasicAuthenticator.claimedUser(null)).isNull();
    }

    @Test
    void attemptsAfterCloseAreBusy() throws Exception {
        BasicAuthenticator auth = authenticator(ALICE);
        auth.close();
        assertThat(await(auth.authenticate(basic("alice:pw"), A))).isEqualTo(new AuthResult.Busy());
    }

    @Test
    void throttledRoundsUpToWholeSeconds() {
        assertThat(new AuthResult.Throttled(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new AuthResult.Throttled(Duration.ofMillis(2001)).retryAfterSeconds()).isEqualTo(3);
    }
}
