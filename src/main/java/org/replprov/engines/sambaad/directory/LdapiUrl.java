package org.replprov.engines.sambaad.directory;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code ldapi://} URLs: LDAP over a local Unix-domain socket, in the form OpenLDAP's clients ({@code ldapsearch -H})
 * and Samba's tools accept. The socket path is the URL's host, percent-encoded (RFC 3986 §2.1) since it contains
 * {@code /}: {@code ldapi://%2Fvar%2Flib%2Fsamba%2Fprivate%2Fldap_priv%2Fldapi}. {@code ldapi://} and
 * {@code ldapi:///} with no host name {@link #DEFAULT_SOCKET}.
 *
 * <p>{@link #parse} turns any accepted form into one canonical URL (every byte outside RFC 3986's unreserved set
 * percent-encoded), so that the path can be read back with {@link #socket} and the URL printed in messages.
 */
public final class LdapiUrl {

    /**
     * Samba's privileged LDAP socket where Debian and Ubuntu's packages put it ({@code samba -b}: PRIVATE_DIR
     * {@code /var/lib/samba/private}; {@code ldap_server.c} adds {@code ldap_priv/ldapi}). The only one of Samba's two
     * sockets that accepts a simple bind as configured by default: the other, {@code private/ldapi}, refuses one with
     * "BindSimple: Transport encryption required" unless {@code ldap server require strong auth = no}.
     */
    public static final Path DEFAULT_SOCKET = Path.of("/var/lib/samba/private/ldap_priv/ldapi");

    /** {@code sun_path} of {@code struct sockaddr_un} on Linux holds 108 bytes, the terminating NUL included. */
    static final int MAX_PATH_BYTES = 107;

    private static final String SCHEME = "ldapi://";

    private LdapiUrl() {
    }

    /** Whether {@code text} is an {@code ldapi:} URL (the scheme compared without regard to case). */
    public static boolean is(String text) {
        return text.regionMatches(true, 0, "ldapi:", 0, 6);
    }

    /**
     * The canonical form of {@code text}.
     *
     * @throws IllegalArgumentException naming what is wrong and, for a malformed escape, its index in {@code text}
     */
    public static URI parse(String text) {
        return URI.create(SCHEME + encode(path(text).toString()));
    }

    /**
     * The socket path of an {@code ldapi:} URL.
     *
     * @throws IllegalArgumentException when the URL is no {@code ldapi:} URL or names no valid socket path
     */
    public static Path socket(URI url) {
        return path(url.toString());
    }

    private static Path path(String text) {
        if (!text.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new IllegalArgumentException("url must start with ldapi:// : " + text);
        }
        int start = SCHEME.length();
        int end = start;
        while (end < text.length() && "/?#".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String rest = text.substring(end);
        if (!rest.isEmpty() && !rest.equals("/")) {
            if (end == start && rest.startsWith("/") && rest.length() > 1) {
                throw new IllegalArgumentException("the socket path of an ldapi:// url is percent-encoded: write "
                        + SCHEME + encode(rest) + ", not " + text);
            }
            throw new IllegalArgumentException("url takes no DN or query, only the socket path: " + text);
        }
        return end == start ? DEFAULT_SOCKET : decode(text, start, end);
    }

    /** Decodes the host of {@code url}, {@code url[start, end)}, into an absolute socket path. */
    private static Path decode(String url, int start, int end) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = start; i < end; i++) {
            char c = url.charAt(i);
            if (c == '%') {
                int hi = i + 2 < end ? hex(url.charAt(i + 1)) : -1;
                int lo = i + 2 < end ? hex(url.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent-encoding at index " + i + " of " + url
                            + " (a % is followed by two hexadecimal digits)");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c <= ' ' || c >= 0x7F) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "character U+%04X at index %d of %s must be percent-encoded", (int) c, i, url));
            } else {
                bytes.write(c);
            }
        }
        byte[] b = bytes.toByteArray();
        String path;
        try {
            path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the socket path in " + url + " is not UTF-8");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the socket path in " + url + " contains a NUL byte");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("an ldapi:// url names a local socket by its absolute path, "
                    + "percent-encoded (ldapi://%2Fvar%2Flib%2Fsamba%2Fprivate%2Fldap_priv%2Fldapi), not a host: '"
                    + path + "'");
        }
        if (b.length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("the socket path " + path + " is " + b.length
                    + " bytes long; a Unix-domain socket path has at most " + MAX_PATH_BYTES);
        }
        try {
            return Path.of(path).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("the socket path in " + url + " is not a path: " + e.getMessage());
        }
    }

    /** The value of an ASCII hexadecimal digit, or -1. */
    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    /** Percent-encodes every UTF-8 byte of {@code path} outside RFC 3986's unreserved characters (§2.3). */
    private static String encode(String path) {
        StringBuilder s = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                s.append((char) c);
            } else {
                s.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return s.toString();
    }
}
