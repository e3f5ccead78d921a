package org.replprov.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BasicAuthenticatorTest {

    private static final User ALICE = new User("alice", PasswordHash.create("pw".toCharArray(), 10_000),
            Set.of(Role.READER));

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-15T10:00:00Z"));

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
    void rightCredentialsAuthenticateAndOthersDoNot() throws InterruptedException {
        BasicAuthenticator auth = new BasicAuthenticator("replprov", List.of(ALICE), Clock.systemUTC());
        assertThat(auth.authenticate(basic("alice:pw"))).hasValue(new Principal("alice", Set.of(Role.READER)));
        assertThat(auth.authenticate("basic " + basic("alice:pw").substring(6))).isPresent();
        for (String bad : List.of(basic("alice:wrong"), basic("bob:pw"), basic("alice"), "Basic !!!", "Bearer x",
                "Basic", basic("alice:pw:extra"))) {
            assertThat(auth.authenticate(bad)).as(bad).isEmpty();
        }
        assertThat(auth.authenticate(null)).isEmpty();
        assertThat(auth.challenge()).isEqualTo("Basic realm=\"replprov\", charset=\"UTF-8\"");
    }

    @Test
    void verifiedCredentialsAreRememberedForAWhile() throws InterruptedException {
        MovingClock clock = new MovingClock();
        BasicAuthenticator auth = new BasicAuthenticator("r", List.of(ALICE), clock);
        assertThat(auth.authenticate(basic("alice:pw"))).isPresent();
        long t0 = System.nanoTime();
        assertThat(auth.authenticate(basic("alice:pw"))).isPresent();
        long cached = System.nanoTime() - t0;
        clock.now.set(clock.now.get().plus(BasicAuthenticator.CACHE_TTL).plusSeconds(1));
        t0 = System.nanoTime();
        assertThat(auth.authenticate(basic("alice:pw"))).isPresent();
        long hashed = System.nanoTime() - t0;
        assertThat(hashed).as("an expired entry is hashed again").isGreaterThan(cached * 5);
    }

    @Test
    void claimedUserIsReadForTheLogOnly() {
        assertThat(BasicAuthenticator.claimedUser(basic("mallory:x"))).isEqualTo("mallory");
        assertThat(BasicAuthenticator.claimedUser("Basic ???")).isNull();
        assertThat(BasicAuthenticator.claimedUser(null)).isNull();
    }
}
