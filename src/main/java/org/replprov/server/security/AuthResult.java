package org.replprov.server.security;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link BasicAuthenticator#authenticate(String, java.net.InetAddress)} found out about one request, and so how
 * the request is answered.
 */
public sealed interface AuthResult {

    /** The credentials are right: serve the request as {@code principal}. */
    record Authenticated(Principal principal) implements AuthResult {
        public Authenticated {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * No credentials, not Basic, malformed, or a wrong user name or password: answer 401 with the challenge.
     *
     * @param claimedUser the user name the header claims, made safe for a log line (control characters escaped,
     *     length bounded); null when it names none
     */
    record Rejected(String claimedUser) implements AuthResult {
    }

    /**
     * The client address failed too often lately: answer 429 (RFC 6585 §4) with {@code Retry-After} (RFC 9110
     * §10.2.3) set to {@link #retryAfterSeconds()}, without looking at the password.
     */
    record Throttled(Duration retryAfter) implements AuthResult {
        public Throttled {
            if (retryAfter.isNegative() || retryAfter.isZero()) {
                throw new IllegalArgumentException("retryAfter must be positive: " + retryAfter);
            }
        }

        /** Whole seconds, rounded up, as {@code Retry-After} carries them. */
        public long retryAfterSeconds() {
            return (retryAfter.toMillis() + 999) / 1000;
        }
    }

    /**
     * Password checks are queued to capacity (or this client already has its share of them queued): answer 503 with
     * {@code Retry-After: 1}; the password was not checked.
     */
    record Busy() implements AuthResult {
    }
}
