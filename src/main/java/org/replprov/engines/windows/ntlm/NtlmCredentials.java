package org.replprov.engines.windows.ntlm;

import java.util.Objects;

/**
 * Who authenticates: the UserName and DomainName an AUTHENTICATE_MESSAGE carries (MS-NLMP §2.2.1.3), and the password
 * the keys derive from.
 *
 * @param domain the NetBIOS domain ({@code CORP}) of {@code CORP\name}; empty for a UPN or a local account
 * @param user the account name; for a UPN the whole {@code name@corp.example.com}, as Windows' own clients send it
 * @param password never logged, never in {@link #toString()}
 */
public record NtlmCredentials(String domain, String user, String password) {

    public NtlmCredentials {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * The credentials of an account written {@code DOMAIN\name}, {@code name@dns.domain} (a UPN, sent whole with an
     * empty domain, MS-NLMP §3.1.5.1.2) or {@code name} (a local account of the server).
     */
    public static NtlmCredentials of(String account, String password) {
        int slash = account.indexOf('\\');
        if (slash >= 0) {
            return new NtlmCredentials(account.substring(0, slash), account.substring(slash + 1), password);
        }
        return new NtlmCredentials("", account, password);
    }

    @Override
    public String toString() {
        return "NtlmCredentials[" + (domain.isEmpty() ? "" : domain + "\\") + user + "]";
    }
}
