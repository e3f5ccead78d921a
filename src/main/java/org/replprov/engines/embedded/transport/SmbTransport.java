package org.replprov.engines.embedded.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import jcifs.CIFSContext;
import jcifs.CIFSException;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.smb.NtStatus;
import jcifs.smb.NtlmPasswordAuthenticator;
import jcifs.smb.SmbAuthException;
import jcifs.smb.SmbException;
import jcifs.smb.SmbFile;
import jcifs.smb.SmbFileInputStream;
import jcifs.smb.SmbUnsupportedOperationException;
import org.replprov.engines.embedded.transport.TransportException.Reason;
import org.replprov.log.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code smb://host[:port]/share/path} upstream, read with jcifs-ng over SMB 2.0.2 to 3.1.1.
 *
 * <p>One jcifs-ng context per transport: it holds the configuration and the account, and pools the TCP connection
 * and SMB session that all calls share (SMB2 multiplexes concurrent requests on one connection). A port other than
 * 139 means direct TCP, as for 445.
 */
public final class SmbTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(SmbTransport.class);

    /** NT status codes that mean "no such share, directory or file" (MS-ERREF §2.3.1). */
    private static final Set<Integer> NOT_FOUND = Set.of(NtStatus.NT_STATUS_BAD_NETWORK_NAME,
            NtStatus.NT_STATUS_OBJECT_NAME_NOT_FOUND, NtStatus.NT_STATUS_OBJECT_PATH_NOT_FOUND,
            NtStatus.NT_STATUS_NO_SUCH_FILE, NtStatus.NT_STATUS_NOT_FOUND, NtStatus.NT_STATUS_OBJECT_NAME_INVALID,
            NtStatus.NT_STATUS_NOT_A_DIRECTORY, NtStatus.NT_STATUS_NETWORK_NAME_DELETED);

    private final URI root;
    private final String rootUrl;
    private final CIFSContext context;

    /**
     * @param root {@code smb://host[:port]/share[/path]}; user information in it is refused, credentials come from
     *     {@code settings}
     */
    public SmbTransport(URI root, SmbSettings settings) {
        if (!"smb".equalsIgnoreCase(root.getScheme()) || root.getHost() == null) {
            throw new IllegalArgumentException("not an smb://host/share URI: " + root);
        }
        if (root.getUserInfo() != null) {
            throw new IllegalArgumentException("put SMB credentials in the configuration, not in the URI: "
                    + root.getHost());
        }
        String path = root.getPath() == null ? "" : root.getPath();
        if (path.isEmpty() || path.equals("/")) {
            throw new IllegalArgumentException("smb:// URI without a share: " + root);
        }
        this.root = URI.create("smb://" + root.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
        this.rootUrl = this.root.toString();
        this.context = context(settings);
    }

    private static CIFSContext context(SmbSettings s) {
        Properties p = new Properties();
        p.setProperty("jcifs.smb.client.minVersion", s.minDialect());
        p.setProperty("jcifs.smb.client.maxVersion", s.maxDialect());
        p.setProperty("jcifs.smb.client.signingPreferred", Boolean.toString(s.signing() != SmbSettings.Signing.IF_REQUIRED));
        p.setProperty("jcifs.smb.client.signingEnforced", Boolean.toString(s.signing() == SmbSettings.Signing.REQUIRED));
        p.setProperty("jcifs.smb.client.dfs.disabled", "true");
        p.setProperty("jcifs.resolveOrder", "DNS");
        // Requests are small and several are in flight on one connection: Nagle would hold each behind the last ACK.
        p.setProperty("jcifs.smb.client.tcpNoDelay", "true");
        String ms = Long.toString(s.timeout().toMillis());
        p.setProperty("jcifs.smb.client.connTimeout", ms);
        p.setProperty("jcifs.smb.client.responseTimeout", ms);
        p.setProperty("jcifs.smb.client.sessionTimeout", ms);
        try {
            CIFSContext base = new BaseContext(new PropertyConfiguration(p));
            SmbSettings.Credentials c = s.credentials();
            return c.guest() ? base.withGuestCrendentials()
                    : base.withCredentials(new NtlmPasswordAuthenticator(c.domain(), c.user(), c.password()));
        } catch (CIFSException e) {
            throw new IllegalArgumentException("invalid SMB settings: " + e.getMessage(), e);
        }
    }

    @Override
    public URI root() {
        return root;
    }

    @Override
    public void probe() throws TransportException {
        SmbFile dir = file("");
        try {
            if (!dir.exists()) {
                throw new TransportException(Reason.NOT_FOUND, "upstream folder " + rootUrl + " does not exist");
            }
            if (!dir.isDirectory()) {
                throw new TransportException(Reason.NOT_FOUND, "upstream " + rootUrl + " is not a directory");
            }
        } catch (SmbException e) {
            throw classify("open", rootUrl, e);
        }
    }

    @Override
    public List<Entry> list(String directory) throws TransportException {
        SmbFile dir = file(directory.isEmpty() ? "" : directory + "/");
        List<Entry> out = new ArrayList<>();
        try {
            for (SmbFile child : dir.listFiles()) {
                String name = child.getName();
                if (name.endsWith("/")) {
                    name = name.substring(0, name.length() - 1);
                }
                if (!Paths.isValidName(name)) {
                    log.warn("Skipping upstream entry with an unusable name in {}: {}", dir, LogSafe.of(name));
                    continue;
                }
                out.add(entry(Paths.child(directory, name), child));
            }
        } catch (SmbException e) {
            throw classify("list", dir.getCanonicalPath(), e);
        }
        return out;
    }

    @Override
    public Optional<Entry> stat(String path) throws TransportException {
        SmbFile f = file(path);
        try {
            return f.exists() ? Optional.of(entry(path, f)) : Optional.empty();
        } catch (SmbException e) {
            throw classify("read attributes of", f.getCanonicalPath(), e);
        }
    }

    @Override
    public InputStream read(String path, long offset) throws TransportException {
        SmbFile f = file(path);
        try {
            SmbFileInputStream in = f.openInputStream();
            in.skip(offset); // moves the file pointer; nothing is read
            return new UpstreamInputStream(in, e -> classify("read", f.getCanonicalPath(), e));
        } catch (IOException e) {
            throw classify("open", f.getCanonicalPath(), e);
        }
    }

    @Override
    public int parallelReads() {
        return 4;
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (CIFSException e) {
            log.debug("Closing the SMB context of {} failed", rootUrl, e);
        }
    }

    private static Entry entry(String path, SmbFile f) throws SmbException {
        // Attributes come from the directory listing or the last query; no extra round trip.
        return f.isDirectory() ? Entry.directory(path, Instant.ofEpochMilli(f.lastModified()))
                : Entry.file(path, f.length(), Instant.ofEpochMilli(f.lastModified()));
    }

    private SmbFile file(String path) {
        try {
            return new SmbFile(rootUrl + path, context);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("unusable SMB path " + path, e);
        }
    }

    /**
     * Which connection event an SMB failure is. jcifs-ng wraps the cause in layers (SmbException around a transport
     * exception around a socket exception), so the whole chain is read.
     */
    static TransportException classify(String what, String where, IOException e) {
        Reason reason = Reason.FAILED;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof SmbUnsupportedOperationException || m.contains("not compatible with the server")
                    || m.contains("does not support SMB2")) {
                reason = Reason.INCOMPATIBLE;
                break;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                reason = Reason.UNREACHABLE;
                break;
            }
            if (t instanceof SmbAuthException) {
                break; // a logon failure: the host and share are there
            }
            if (t instanceof SmbException se && NOT_FOUND.contains(se.getNtStatus())) {
                reason = Reason.NOT_FOUND;
                break;
            }
        }
        return new TransportException(reason, "cannot " + what + " " + where + ": " + describe(e), e);
    }

    /** The exception and its causes in one line, the way an operator wants to read them in a log. */
    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return sb.toString();
    }
}
