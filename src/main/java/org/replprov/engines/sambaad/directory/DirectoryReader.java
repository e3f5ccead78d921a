package org.replprov.engines.sambaad.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.replprov.drsr.Bytes;
import org.replprov.engines.sambaad.directory.DirectoryException.Kind;

/**
 * One bound, encrypted LDAP connection to a domain controller, reading its replication state. Not thread-safe: one
 * reader per polling task. Every operation is bounded by {@link DirectorySettings#operationTimeout()}, every search
 * by {@link DirectorySettings#maxEntries()}, every message by {@link DirectorySettings#maxMessageBytes()}.
 *
 * <p>Samba 4.17 and Windows return {@code repsFrom}, {@code repsTo} and {@code replUpToDateVector} to an
 * administrator who asks for them by name; no LDAP control is needed (they are not operational attributes, only
 * system-only ones, so a request for {@code *} would also return them, but naming them keeps the answer small).
 */
public final class DirectoryReader implements AutoCloseable {

    private static final String[] ROOT_DSE_ATTRIBUTES = {"dsServiceName", "highestCommittedUSN", "namingContexts",
        "defaultNamingContext", "configurationNamingContext", "dnsHostName", "serverName", "isSynchronized"};
    private static final String[] DSA_ATTRIBUTES = {"objectGUID", "invocationId", "options", "msDS-hasMasterNCs",
        "hasMasterNCs"};
    private static final String[] NC_HEAD_ATTRIBUTES = {"objectGUID", "repsFrom", "repsTo", "replUpToDateVector"};
    private static final String[] CONNECTION_ATTRIBUTES = {"objectGUID", "fromServer", "enabledConnection", "options",
        "schedule"};

    private final DirectorySettings settings;
    private final LDAPConnection connection;

    private DirectoryReader(DirectorySettings settings, LDAPConnection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    /**
     * Connects, sets up TLS (LDAPS, or StartTLS for {@code ldap://}; none over a local {@code ldapi://} socket),
     * checks the certificate against the CA file and the expected host name, and binds as
     * {@link DirectorySettings#user()}.
     *
     * @param password the bind password; the caller may clear the array afterwards, the reader keeps no copy
     */
    public static DirectoryReader connect(DirectorySettings settings, char[] password) throws DirectoryException {
        if (password.length == 0) {
            // An empty password would be an anonymous "unauthenticated" bind (RFC 4513 §5.1.2), which succeeds and
            // then reads nothing: refuse it here with a clear message instead.
            throw new DirectoryException(Kind.AUTHENTICATION, "empty password for " + settings.user()
                    + " on " + settings.url());
        }
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.operationTimeout().toMillis());
        options.setAbandonOnTimeout(true);
        options.setMaxMessageSize(settings.maxMessageBytes());
        options.setUseSynchronousMode(true);
        options.setFollowReferrals(false);
        Optional<Path> socket = settings.socket();
        LDAPConnection c = socket.isPresent() ? connectLocal(settings, socket.get(), options)
                : connectTls(settings, options);
        byte[] secret = utf8(password);
        try {
            c.bind(new SimpleBindRequest(settings.user(), secret));
        } catch (LDAPException e) {
            c.close();
            throw failure("bind as " + settings.user() + " to", settings, e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return new DirectoryReader(settings, c);
    }

    private static LDAPConnection connectTls(DirectorySettings settings, LDAPConnectionOptions options)
            throws DirectoryException {
        SSLUtil ssl = new SSLUtil(trustManager(settings));
        options.setSSLSocketVerifier(new CertificateNameVerifier(settings.expectedCertificateName()));
        LDAPConnection c;
        try {
            c = settings.ldaps() ? new LDAPConnection(ssl.createSSLSocketFactory(), options)
                    : new LDAPConnection(options);
        } catch (GeneralSecurityException e) {
            throw new DirectoryException(Kind.TLS, "cannot set up TLS for " + settings.url() + ": " + e, e);
        }
        try {
            c.connect(settings.url().getHost(), settings.port(), (int) settings.connectTimeout().toMillis());
            if (!settings.ldaps()) {
                ExtendedResult r = c.processExtendedOperation(new StartTLSExtendedRequest(ssl.createSSLContext()));
                if (r.getResultCode() != ResultCode.SUCCESS) {
                    throw new DirectoryException(Kind.TLS, "StartTLS refused by " + settings.url() + ": "
                            + r.getResultCode() + diagnostic(r.getDiagnosticMessage()));
                }
            }
        } catch (LDAPException e) {
            c.close();
            throw failure("connect to", settings, e);
        } catch (GeneralSecurityException e) {
            c.close();
            throw new DirectoryException(Kind.TLS, "cannot set up TLS for " + settings.url() + ": " + e, e);
        } catch (DirectoryException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Connects to a local socket ({@code ldapi://}), without TLS: the bytes never leave the kernel, and the socket's
     * file permissions decide who may connect (Samba keeps {@code ldap_priv/} to root, mode 0750). The simple bind
     * that follows makes the connection the configured user's, with that user's rights: on Samba's privileged socket
     * a connection is SYSTEM until it binds (source4/ldap_server/ldap_server.c, {@code ldapsrv_accept_priv}), and the
     * engine reads and writes nothing as SYSTEM. Samba offers no SASL EXTERNAL (its supportedSASLMechanisms are
     * GSS-SPNEGO, GSSAPI and NTLM), so the bind cannot be left to the socket's peer credentials.
     */
    private static LDAPConnection connectLocal(DirectorySettings settings, Path socket, LDAPConnectionOptions options)
            throws DirectoryException {
        LDAPConnection c = new LDAPConnection(new UnixDomainSocketFactory(socket), options);
        try {
            // The SDK connects to a TCP address through the factory, which ignores it: the loopback address needs no
            // name lookup, and the socket's path is the name the SDK shows.
            c.connect(socket.toString(), InetAddress.getLoopbackAddress(), 389,
                    (int) settings.connectTimeout().toMillis());
        } catch (LDAPException e) {
            c.close();
            // The SDK's own message names the TCP address it believes it reached; the adapter's names the socket.
            throw new DirectoryException(Kind.CONNECT, "connect to " + settings.url() + " failed: " + rootMessage(e),
                    e);
        }
        return c;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** The rootDSE attributes of {@link RootDse}. */
    public RootDse rootDse() throws DirectoryException {
        SearchResultEntry e = base("", ROOT_DSE_ATTRIBUTES);
        return new RootDse(string(e, "dsServiceName"), number(e, "highestCommittedUSN"),
                strings(e, "namingContexts"), string(e, "defaultNamingContext"),
                string(e, "configurationNamingContext"), string(e, "dnsHostName"), string(e, "serverName"),
                bool(e, "isSynchronized").orElse(false));
    }

    /** The {@code nTDSDSA} object at {@code dsServiceName} (the rootDSE attribute of that name). */
    public NtdsDsa dsa(String dsServiceName) throws DirectoryException {
        SearchResultEntry e = base(dsServiceName, DSA_ATTRIBUTES);
        List<String> masterNcs = strings(e, "msDS-hasMasterNCs");
        return new NtdsDsa(e.getDN(), guid(e, "objectGUID"), guid(e, "invocationId"),
                flags(e, "options"),
                masterNcs.isEmpty() ? strings(e, "hasMasterNCs") : masterNcs);
    }

    /** The {@code site} objects directly below {@code CN=Sites} of {@code configurationNc}. */
    public List<Site> sites(String configurationNc) throws DirectoryException {
        List<Site> sites = new ArrayList<>();
        for (SearchResultEntry e : search("CN=Sites," + configurationNc, SearchScope.ONE,
                Filter.createEqualityFilter("objectClass", "site"), "objectGUID")) {
            sites.add(new Site(e.getDN(), rdnValue(e), guid(e, "objectGUID")));
        }
        return sites;
    }

    /** The {@code server} objects of every site. */
    public List<Server> servers(String configurationNc) throws DirectoryException {
        List<Server> servers = new ArrayList<>();
        for (SearchResultEntry e : search("CN=Sites," + configurationNc, SearchScope.SUB,
                Filter.createEqualityFilter("objectClass", "server"), "objectGUID", "dNSHostName")) {
            // CN=<server>,CN=Servers,CN=<site>,CN=Sites,...: the site is two levels up.
            DN site = parent(parent(parsedDn(e), e), e);
            servers.add(new Server(e.getDN(), rdnValue(e), guid(e, "objectGUID"), site.toString(),
                    Optional.ofNullable(e.getAttributeValue("dNSHostName"))));
        }
        return servers;
    }

    /**
     * Every {@code nTDSDSA} object of every site: the DSAs of the forest, by which {@code repsFrom}/{@code repsTo}
     * values ({@code uuidDsa}) and up-to-dateness cursors (invocation ID) name their DCs.
     */
    public List<NtdsDsa> dsas(String configurationNc) throws DirectoryException {
        List<NtdsDsa> dsas = new ArrayList<>();
        for (SearchResultEntry e : search("CN=Sites," + configurationNc, SearchScope.SUB,
                Filter.createEqualityFilter("objectClass", "nTDSDSA"), DSA_ATTRIBUTES)) {
            List<String> masterNcs = strings(e, "msDS-hasMasterNCs");
            dsas.add(new NtdsDsa(e.getDN(), guid(e, "objectGUID"), guid(e, "invocationId"), flags(e, "options"),
                    masterNcs.isEmpty() ? strings(e, "hasMasterNCs") : masterNcs));
        }
        return dsas;
    }

    /**
     * Replaces the {@code options} of the nTDSDSA object {@code dsaDn} with {@code options}, provided they are still
     * {@code expected}: the delete of the old value and the add of the new one are one modify (RFC 4511 §4.6), so a
     * change someone else made meanwhile fails the modify instead of being overwritten. The one write of this package
     * (ForceReplication "Stop Sync" sets NTDSDSA_OPT_DISABLE_INBOUND_REPL, as {@code samba-tool drs options} does).
     */
    public void replaceDsaOptions(String dsaDn, int expected, int options) throws DirectoryException {
        List<Modification> mods = new ArrayList<>();
        if (expected != 0) {
            mods.add(new Modification(ModificationType.DELETE, "options", Integer.toString(expected)));
        }
        if (options != 0) {
            mods.add(new Modification(ModificationType.ADD, "options", Integer.toString(options)));
        }
        if (mods.isEmpty()) {
            return;
        }
        try {
            LDAPResult r = connection.modify(new ModifyRequest(dsaDn, mods));
            if (r.getResultCode() != ResultCode.SUCCESS) {
                throw new DirectoryException(Kind.PROTOCOL, "modify options of " + quoted(dsaDn) + " on "
                        + settings.url() + " failed: " + r.getResultCode());
            }
        } catch (LDAPException e) {
            throw failure("modify options of " + quoted(dsaDn) + " on", settings, e);
        }
    }

    /** Every {@code nTDSConnection} object of every site: the inbound links of every DSA in the forest. */
    public List<NtdsConnection> connections(String configurationNc) throws DirectoryException {
        List<NtdsConnection> connections = new ArrayList<>();
        for (SearchResultEntry e : search("CN=Sites," + configurationNc, SearchScope.SUB,
                Filter.createEqualityFilter("objectClass", "nTDSConnection"), CONNECTION_ATTRIBUTES)) {
            byte[] schedule = e.getAttributeValueBytes("schedule");
            connections.add(new NtdsConnection(e.getDN(), guid(e, "objectGUID"), parent(parsedDn(e), e).toString(),
                    string(e, "fromServer"), bool(e, "enabledConnection"),
                    flags(e, "options"),
                    Optional.ofNullable(schedule).map(Bytes::of)));
        }
        return connections;
    }

    /** The raw replication attributes of the NC head {@code ncDn}. */
    public NamingContextReplication namingContext(String ncDn) throws DirectoryException {
        SearchResultEntry e = base(ncDn, NC_HEAD_ATTRIBUTES);
        byte[] utdv = e.getAttributeValueBytes("replUpToDateVector");
        return new NamingContextReplication(e.getDN(), guid(e, "objectGUID"), blobs(e, "repsFrom"), blobs(e, "repsTo"),
                Optional.ofNullable(utdv).map(Bytes::of));
    }

    /** Everything at once: rootDSE, DSA, sites, servers, connections, and every NC head the rootDSE lists. */
    public DirectorySnapshot readAll() throws DirectoryException {
        long start = System.nanoTime();
        RootDse root = rootDse();
        NtdsDsa dsa = dsa(root.dsServiceName());
        String config = root.configurationNamingContext();
        List<Site> sites = sites(config);
        List<Server> servers = servers(config);
        List<NtdsDsa> dsas = dsas(config);
        List<NtdsConnection> connections = connections(config);
        List<NamingContextReplication> ncs = new ArrayList<>();
        for (String nc : root.namingContexts()) {
            ncs.add(namingContext(nc));
        }
        return new DirectorySnapshot(root, dsa, sites, servers, dsas, connections, ncs,
                Duration.ofNanos(System.nanoTime() - start));
    }

    public DirectorySettings settings() {
        return settings;
    }

    @Override
    public void close() {
        connection.close();
    }

    private SearchResultEntry base(String dn, String... attributes) throws DirectoryException {
        List<SearchResultEntry> entries = search(dn, SearchScope.BASE,
                Filter.createPresenceFilter("objectClass"), attributes);
        if (entries.isEmpty()) {
            throw new DirectoryException(Kind.NOT_FOUND, "no entry " + quoted(dn) + " on " + settings.url());
        }
        return entries.get(0);
    }

    private List<SearchResultEntry> search(String base, SearchScope scope, Filter filter, String... attributes)
            throws DirectoryException {
        SearchRequest request = new SearchRequest(base, scope, filter, attributes);
        request.setSizeLimit(settings.maxEntries());
        request.setTimeLimitSeconds((int) Math.max(1, settings.operationTimeout().toSeconds()));
        SearchResult result;
        try {
            result = connection.search(request);
        } catch (LDAPException e) {
            throw failure("search " + scope.getName() + " " + quoted(base) + " on", settings, e);
        }
        if (result.getEntryCount() > settings.maxEntries()) {
            throw new DirectoryException(Kind.LIMIT, "search " + quoted(base) + " on " + settings.url()
                    + " returned more than " + settings.maxEntries() + " entries");
        }
        return result.getSearchEntries();
    }

    private static X509TrustManager trustManager(DirectorySettings settings) throws DirectoryException {
        if (settings.caFile().isEmpty()) {
            return JVMDefaultTrustManager.getInstance();
        }
        Path ca = settings.caFile().get();
        if (!Files.isReadable(ca)) {
            throw new DirectoryException(Kind.TLS, "CA file " + ca + " is not readable");
        }
        try {
            return new PEMFileTrustManager(ca.toFile());
        } catch (KeyStoreException e) {
            throw new DirectoryException(Kind.TLS, "CA file " + ca + " holds no usable PEM certificate: "
                    + e.getMessage(), e);
        }
    }

    private static DirectoryException failure(String what, DirectorySettings settings, LDAPException e) {
        ResultCode rc = e.getResultCode();
        Kind kind;
        if (rc == ResultCode.INVALID_CREDENTIALS || rc == ResultCode.INAPPROPRIATE_AUTHENTICATION
                || rc == ResultCode.STRONG_AUTH_REQUIRED || rc == ResultCode.CONFIDENTIALITY_REQUIRED) {
            kind = Kind.AUTHENTICATION;
        } else if (rc == ResultCode.TIMEOUT || rc == ResultCode.TIME_LIMIT_EXCEEDED) {
            kind = Kind.TIMEOUT;
        } else if (rc == ResultCode.SIZE_LIMIT_EXCEEDED) {
            kind = Kind.LIMIT;
        } else if (rc == ResultCode.NO_SUCH_OBJECT) {
            kind = Kind.NOT_FOUND;
        } else if (rc == ResultCode.CONNECT_ERROR || rc == ResultCode.SERVER_DOWN || rc == ResultCode.LOCAL_ERROR) {
            kind = causedByTls(e) ? Kind.TLS : Kind.CONNECT;
        } else {
            kind = Kind.PROTOCOL;
        }
        return new DirectoryException(kind, what + " " + settings.url() + " failed: " + rc
                + diagnostic(e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getMessage()), e);
    }

    /**
     * Whether a failed connect is the TLS layer's doing (trust, host name, protocol) rather than the network's. A
     * server that closes the connection during the handshake ({@link java.io.EOFException} below the handshake
     * exception) counts as a connect failure: that is what a stopped service behind a port forwarder or a load
     * balancer looks like.
     */
    private static boolean causedByTls(Throwable e) {
        boolean tls = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof java.net.SocketException) {
                return false;
            }
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException
                    || (t instanceof LDAPException l && l.getMessage() != null
                    && l.getMessage().contains("certificate"))) {
                tls = true;
            }
        }
        return tls;
    }

    private static String diagnostic(String message) {
        return message == null || message.isBlank() ? "" : " (" + message.strip() + ")";
    }

    private static String quoted(String dn) {
        return "'" + dn + "'";
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return bytes;
    }

    private String string(SearchResultEntry e, String attribute) throws DirectoryException {
        String v = e.getAttributeValue(attribute);
        if (v == null) {
            throw malformed(e, attribute, "is missing");
        }
        return v;
    }

    private static List<String> strings(SearchResultEntry e, String attribute) {
        String[] values = e.getAttributeValues(attribute);
        return values == null ? List.of() : List.of(values);
    }

    private static List<Bytes> blobs(SearchResultEntry e, String attribute) {
        Attribute a = e.getAttribute(attribute);
        if (a == null) {
            return List.of();
        }
        List<Bytes> values = new ArrayList<>();
        for (byte[] v : a.getValueByteArrays()) {
            values.add(Bytes.of(v));
        }
        return values;
    }

    private long number(SearchResultEntry e, String attribute) throws DirectoryException {
        return optionalNumber(e, attribute).orElseThrow(() -> malformed(e, attribute, "is missing"));
    }

    private Optional<Long> optionalNumber(SearchResultEntry e, String attribute) throws DirectoryException {
        String v = e.getAttributeValue(attribute);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException x) {
            throw malformed(e, attribute, "is not an integer: '" + v + "'");
        }
    }

    /** A 32-bit flags attribute ({@code options}); AD shows it signed, Samba may show it unsigned. 0 when absent. */
    private int flags(SearchResultEntry e, String attribute) throws DirectoryException {
        long v = optionalNumber(e, attribute).orElse(0L);
        if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
            throw malformed(e, attribute, "is not a 32-bit value: " + v);
        }
        return (int) v;
    }

    private Optional<Boolean> bool(SearchResultEntry e, String attribute) throws DirectoryException {
        String v = e.getAttributeValue(attribute);
        if (v == null) {
            return Optional.empty();
        }
        // LDAP Boolean syntax (RFC 4517 §3.3.3): exactly TRUE or FALSE.
        return switch (v) {
            case "TRUE" -> Optional.of(true);
            case "FALSE" -> Optional.of(false);
            default -> throw malformed(e, attribute, "is not TRUE or FALSE: '" + v + "'");
        };
    }

    /**
     * A GUID attribute: 16 bytes in MS-DTYP §2.3.4.2 order, Data1, Data2 and Data3 little-endian, Data4 as is.
     */
    private UUID guid(SearchResultEntry e, String attribute) throws DirectoryException {
        byte[] b = e.getAttributeValueBytes(attribute);
        if (b == null) {
            throw malformed(e, attribute, "is missing");
        }
        if (b.length != 16) {
            throw malformed(e, attribute, "is " + b.length + " bytes, not the 16 of a GUID");
        }
        long data1 = (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
        long data2 = (b[4] & 0xFFL) | (b[5] & 0xFFL) << 8;
        long data3 = (b[6] & 0xFFL) | (b[7] & 0xFFL) << 8;
        long data4 = 0;
        for (int i = 8; i < 16; i++) {
            data4 = data4 << 8 | (b[i] & 0xFFL);
        }
        return new UUID(data1 << 32 | data2 << 16 | data3, data4);
    }

    private DN parsedDn(SearchResultEntry e) throws DirectoryException {
        try {
            return e.getParsedDN();
        } catch (LDAPException x) {
            throw new DirectoryException(Kind.MALFORMED, "entry DN " + quoted(e.getDN()) + " on " + settings.url()
                    + " does not parse: " + x.getMessage(), x);
        }
    }

    private DN parent(DN dn, SearchResultEntry e) throws DirectoryException {
        DN parent = dn.getParent();
        if (parent == null) {
            throw new DirectoryException(Kind.MALFORMED, "entry " + quoted(e.getDN()) + " on " + settings.url()
                    + " has no parent");
        }
        return parent;
    }

    private String rdnValue(SearchResultEntry e) throws DirectoryException {
        return parsedDn(e).getRDN().getAttributeValues()[0];
    }

    private DirectoryException malformed(SearchResultEntry e, String attribute, String problem) {
        return new DirectoryException(Kind.MALFORMED, attribute + " of " + quoted(e.getDN()) + " on "
                + settings.url() + " " + problem);
    }

    /**
     * Checks the server certificate against a configured name rather than the host the socket was opened to, with
     * UnboundID's own host-name rules (subjectAltName, else the subject CN, case-insensitive, no wildcards).
     */
    private static final class CertificateNameVerifier extends SSLSocketVerifier {

        private final String name;
        private final HostNameSSLSocketVerifier delegate = new HostNameSSLSocketVerifier(false);

        CertificateNameVerifier(String name) {
            this.name = name;
        }

        @Override
        public void verifySSLSocket(String host, int port, SSLSocket socket) throws LDAPException {
            delegate.verifySSLSocket(name, port, socket);
        }
    }
}
