package org.replprov.engines.sambaad.directory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to read one domain controller. The password is not part of the settings: it is passed to
 * {@link DirectoryReader#connect} on its own, so that these settings can be logged and compared freely.
 *
 * @param url              {@code ldaps://host[:port]} (TLS from the first byte, port 636 by default),
 *                         {@code ldap://host[:port]} (StartTLS before the bind, port 389 by default), or
 *                         {@code ldapi://<percent-encoded socket path>} (a local Unix-domain socket, no TLS: see
 *                         {@link LdapiUrl})
 * @param user             the bind name: a user principal name ({@code Administrator@EXAMPLE.COM}) or a DN; AD
 *                         accepts both for a simple bind
 * @param caFile           PEM file with the certificates to trust (Samba writes its own CA to
 *                         {@code private/tls/ca.pem} when it first starts); empty: the JVM's default trust store.
 *                         Not used over {@code ldapi://}
 * @param tlsHostName      the name the server's certificate must carry; empty: the host of {@code url}. Set it when
 *                         the DC is reached through an address its certificate does not name (a tunnel, a forwarded
 *                         port, an IP literal). The UnboundID SDK accepts any name for a loopback IP literal
 *                         ({@code 127.0.0.1}, {@code ::1}): nothing off the machine can answer there; the chain is
 *                         still checked against {@code caFile}
 * @param connectTimeout   bound on the TCP connect and the TLS handshake
 * @param operationTimeout bound on each LDAP operation (bind, StartTLS, every search), enforced by the client and
 *                         also sent to the server as the search time limit
 * @param maxEntries       bound on the entries of one search (sites, servers, connections); more is an error
 * @param maxMessageBytes  bound on one LDAP message from the server (an entry with all its values)
 */
public record DirectorySettings(URI url, String user, Optional<Path> caFile, Optional<String> tlsHostName,
                                Duration connectTimeout, Duration operationTimeout, int maxEntries,
                                int maxMessageBytes) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 << 20;

    public DirectorySettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(tlsHostName, "tlsHostName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(operationTimeout, "operationTimeout");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("ldapi")) {
            LdapiUrl.socket(url);
        } else if (!scheme.equals("ldaps") && !scheme.equals("ldap")) {
            throw new IllegalArgumentException("url must be ldaps://host[:port], ldap://host[:port] (StartTLS) or "
                    + "ldapi://<socket path> : " + url);
        } else if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("url has no host: " + url);
        } else if ((url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/"))
                || url.getQuery() != null) {
            throw new IllegalArgumentException("url takes no DN or query, only scheme, host and port: " + url);
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is empty");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(operationTimeout, "operationTimeout");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024: " + maxMessageBytes);
        }
    }

    /** Settings with the default timeouts and bounds and no host-name override. */
    public static DirectorySettings of(URI url, String user, Optional<Path> caFile) {
        return new DirectorySettings(url, user, caFile, Optional.empty(), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_OPERATION_TIMEOUT, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** The same settings, with the certificate checked against {@code name} instead of the URL's host. */
    public DirectorySettings withTlsHostName(String name) {
        return new DirectorySettings(url, user, caFile, Optional.of(name), connectTimeout, operationTimeout,
                maxEntries, maxMessageBytes);
    }

    /** The same settings with other timeouts. */
    public DirectorySettings withTimeouts(Duration connect, Duration operation) {
        return new DirectorySettings(url, user, caFile, tlsHostName, connect, operation, maxEntries,
                maxMessageBytes);
    }

    /** The local socket of an {@code ldapi://} URL; empty for a TCP connection. */
    public Optional<Path> socket() {
        return url.getScheme().equalsIgnoreCase("ldapi") ? Optional.of(LdapiUrl.socket(url)) : Optional.empty();
    }

    /** Whether the connection is TLS from the first byte ({@code ldaps}) rather than StartTLS. */
    public boolean ldaps() {
        return url.getScheme().equalsIgnoreCase("ldaps");
    }

    /** The TCP port: the URL's, or 636 / 389. */
    public int port() {
        return url.getPort() != -1 ? url.getPort() : ldaps() ? 636 : 389;
    }

    /** The name the server certificate is checked against. */
    public String expectedCertificateName() {
        return tlsHostName.orElse(url.getHost());
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and 24 days: " + d);
        }
    }
}
