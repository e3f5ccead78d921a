package org.replprov.engines.embedded.transport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the {@code smb://} transport connects: the account, the SMB dialects it may negotiate and whether it signs.
 *
 * <p>The default range, SMB 2.0.2 to 3.1.1, leaves out SMB1 (insecure, disabled on current Windows and Samba) and
 * everything jcifs-ng cannot speak. SMB3 encryption is not available: jcifs-ng refuses a share that requires it, which
 * the connection reports as an incompatible version (5102).
 *
 * @param credentials the account; {@link Credentials#GUEST} for guest access
 * @param minDialect the oldest dialect to offer ({@code SMB202}, {@code SMB210}, {@code SMB300}, {@code SMB302},
 *     {@code SMB311})
 * @param maxDialect the newest dialect to offer
 * @param signing when to ask for signing: signing costs CPU on every message (AES-CMAC with SMB3), so by default the
 *     transport asks only when the server requires it; jcifs-ng signs anyway once the server has signed the session
 *     setup, as Samba does over SMB 3 with an account
 * @param timeout how long to wait for a connection and for each response
 */
public record SmbSettings(Credentials credentials, String minDialect, String maxDialect, Signing signing,
                          Duration timeout) {

    /** When SMB messages are signed. */
    public enum Signing {
        /** Sign when the server requires it (Windows and Samba domain controllers, "server signing = mandatory"). */
        IF_REQUIRED,
        /** Sign whenever the server supports it. */
        PREFERRED,
        /** Refuse servers that do not sign. */
        REQUIRED
    }

    /** The dialects jcifs-ng names, oldest first; SMB1 is not offered. */
    static final List<String> DIALECTS = List.of("SMB202", "SMB210", "SMB300", "SMB302", "SMB311");

    /** Guest access, SMB 2.0.2 to 3.1.1, signing when the server requires it, 10 s timeout. */
    public static final SmbSettings DEFAULT = new SmbSettings(Credentials.GUEST, "SMB202", "SMB311",
            Signing.IF_REQUIRED, Duration.ofSeconds(10));

    public SmbSettings {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(signing, "signing");
        int min = DIALECTS.indexOf(minDialect);
        int max = DIALECTS.indexOf(maxDialect);
        if (min < 0 || max < 0) {
            throw new IllegalArgumentException("unknown SMB dialect " + (min < 0 ? minDialect : maxDialect)
                    + "; known: " + DIALECTS);
        }
        if (min > max) {
            throw new IllegalArgumentException("SMB dialect range " + minDialect + ".." + maxDialect + " is empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("SMB timeout must be positive: " + timeout);
        }
    }

    public SmbSettings withCredentials(Credentials c) {
        return new SmbSettings(c, minDialect, maxDialect, signing, timeout);
    }

    public SmbSettings withDialects(String min, String max) {
        return new SmbSettings(credentials, min, max, signing, timeout);
    }

    public SmbSettings withSigning(Signing s) {
        return new SmbSettings(credentials, minDialect, maxDialect, s, timeout);
    }

    public SmbSettings withTimeout(Duration t) {
        return new SmbSettings(credentials, minDialect, maxDialect, signing, t);
    }

    /**
     * An SMB account. The password never appears in {@link #toString()}.
     *
     * @param domain the NTLM domain, may be empty
     * @param user the user name; empty for guest access
     */
    public record Credentials(String domain, String user, String password) {

        public static final Credentials GUEST = new Credentials("", "", "");

        public Credentials {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        public boolean guest() {
            return user.isEmpty();
        }

        @Override
        public String toString() {
            return guest() ? "guest" : (domain.isEmpty() ? "" : domain + "\\") + user;
        }
    }
}
