package org.replprov.engines.windows.wsman;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.replprov.engines.windows.ntlm.NtlmCredentials;
import org.replprov.engines.windows.ntlm.NtlmException;
import org.replprov.engines.windows.ntlm.NtlmInitiator;
import org.replprov.engines.windows.ntlm.NtlmSession;

/**
 * NTLM authentication and MS-WSMV message encryption over plain HTTP, on one persistent connection of its own: WinRM
 * binds the NTLM context (and with it the session keys and sequence numbers) to the TCP connection, so the
 * handshake and every sealed request after it must share one. A new connection authenticates with two empty POSTs
 * ({@code Authorization: Negotiate} with the NEGOTIATE, then the AUTHENTICATE message, MS-WSMV §3.1.4.1.30.2); then
 * each request body is sealed and each answer unsealed and verified ({@link EncryptedMessage}). When the server has
 * closed a connection that had served before, the request goes again once on a new, newly authenticated one.
 *
 * <p>Calls are serialized (one connection, one sequence of sealed messages); each is bounded by the call timeout,
 * handshake included, and the answer by the size limit. The password is only used to derive keys, never logged.
 */
final class NtlmTransport implements WsmanTransport {

    private static final String SOAP_TYPE = "application/soap+xml;charset=UTF-8";

    private final WsmanSettings settings;
    private final NtlmCredentials credentials;
    private final SecureRandom random = new SecureRandom();
    private Connection connection;

    NtlmTransport(WsmanSettings settings) {
        this.settings = settings;
        this.credentials = NtlmCredentials.of(settings.user(), settings.password());
    }

    @Override
    public synchronized Answer post(byte[] soap) throws WsmanException {
        long deadline = System.nanoTime() + settings.callTimeout().toNanos();
        for (int attempt = 0; ; attempt++) {
            boolean reused = connection != null;
            if (!reused) {
                connection = open(deadline);
            }
            Connection c = connection;
            HttpMessage r;
            try {
                c.send(List.<String[]>of(new String[] {"Content-Type", EncryptedMessage.CONTENT_TYPE}),
                        EncryptedMessage.seal(c.session, soap), deadline);
                r = c.receive(deadline);
            } catch (HttpMessage.Closed | java.net.SocketException e) {
                drop();
                // A kept-alive connection the server has closed meanwhile: the request was not served.
                if (reused && attempt == 0) {
                    continue;
                }
                throw WsmanException.transport("the connection to " + settings.endpoint()
                        + " was closed without an answer", e);
            } catch (SocketTimeoutException e) {
                drop();
                throw timeout();
            } catch (IOException e) {
                drop();
                throw WsmanException.transport("the connection to " + settings.endpoint() + " failed: " + e, e);
            } catch (WsmanException e) {
                drop();
                throw e;
            }
            if (!r.keepAlive()) {
                drop();
            }
            String type = r.field("Content-Type").orElse("");
            if (r.status() == 401) {
                // The server no longer knows this connection's context: authenticate anew, once.
                drop();
                if (reused && attempt == 0) {
                    continue;
                }
                return new Answer(401, type, r.body(), r.fieldValues("WWW-Authenticate"));
            }
            if (EncryptedMessage.isEncrypted(type)) {
                try {
                    return new Answer(r.status(), SOAP_TYPE, EncryptedMessage.unseal(c.session, r.body()), List.of());
                } catch (WsmanException e) {
                    drop(); // the session's RC4 state and sequence are out of step for good
                    throw e;
                }
            }
            if (r.body().length > 0 && (r.status() == 200 || type.toLowerCase(Locale.ROOT).contains("soap"))) {
                drop();
                throw WsmanException.integrity("the server answered HTTP " + r.status() + " unencrypted ("
                        + (type.isEmpty() ? "no Content-Type" : type) + ") although encryption was negotiated: "
                        + "refused");
            }
            return new Answer(r.status(), type, r.body(), List.of());
        }
    }

    /** A new connection, authenticated: NEGOTIATE, CHALLENGE, AUTHENTICATE (MS-NLMP §3.1.5). */
    private Connection open(long deadline) throws WsmanException {
        Connection c;
        try {
            c = Connection.connect(settings, deadline);
        } catch (SocketTimeoutException e) {
            throw timeout();
        } catch (IOException e) {
            throw WsmanException.transport("cannot reach " + settings.endpoint() + ": " + e, e);
        }
        try {
            NtlmInitiator initiator = new NtlmInitiator(credentials, "HTTP/" + settings.endpoint().getHost(),
                    random, Clock.systemUTC());
            HttpMessage challenge = c.authenticate(initiator.negotiate(), deadline);
            List<String> offered = challenge.fieldValues("WWW-Authenticate");
            if (challenge.status() != 401) {
                throw WsmanException.authentication(challenge.status(), "the server answered the NTLM NEGOTIATE "
                        + "with HTTP " + challenge.status() + ", not a challenge: no session to seal messages "
                        + "with", null);
            }
            Optional<byte[]> token = token(offered);
            if (token.isEmpty()) {
                throw WsmanException.authentication(401, String.join(", ", offered));
            }
            if (!challenge.keepAlive()) {
                throw WsmanException.transport("the server closed the connection during the NTLM handshake", null);
            }
            NtlmInitiator.Authenticated auth = initiator.authenticate(token.get());
            HttpMessage done = c.authenticate(auth.message(), deadline);
            if (done.status() == 401) {
                throw WsmanException.authentication(401, String.join(", ", done.fieldValues("WWW-Authenticate")));
            }
            if (done.status() / 100 != 2) {
                throw WsmanException.http(done.status(), done.field("Content-Type").orElse("no Content-Type"));
            }
            if (!done.keepAlive()) {
                throw WsmanException.transport("the server closed the connection after the NTLM handshake", null);
            }
            c.session = auth.session();
            return c;
        } catch (NtlmException e) {
            c.close();
            throw e.kind() == NtlmException.Kind.MALFORMED ? WsmanException.malformed(e.getMessage())
                    : WsmanException.authentication(0, e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            c.close();
            throw timeout();
        } catch (IOException e) {
            c.close();
            throw WsmanException.transport("the NTLM handshake with " + settings.endpoint() + " failed: " + e, e);
        } catch (WsmanException e) {
            c.close();
            throw e;
        }
    }

    /** The NTLM token of a {@code WWW-Authenticate: Negotiate <base64>} value. */
    private static Optional<byte[]> token(List<String> offered) throws WsmanException {
        for (String value : offered) {
            String v = value.strip();
            if (v.regionMatches(true, 0, "Negotiate ", 0, 10)) {
                try {
                    return Optional.of(Base64.getDecoder().decode(v.substring(10).strip()));
                } catch (IllegalArgumentException e) {
                    throw WsmanException.malformed("the server's Negotiate token is not base64: " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    private WsmanException timeout() {
        return WsmanException.timeout("no answer from " + settings.endpoint() + " within "
                + settings.callTimeout().toMillis() + " ms");
    }

    private void drop() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }

    /** One TCP connection, its reads bounded by the call's deadline, and once authenticated its NTLM session. */
    private static final class Connection {
        private final WsmanSettings settings;
        private final Socket socket;
        private final Deadlined deadlined;
        private final InputStream in;
        private final OutputStream out;
        private NtlmSession session;

        private Connection(WsmanSettings settings, Socket socket) throws IOException {
            this.settings = settings;
            this.socket = socket;
            this.deadlined = new Deadlined(socket);
            this.in = new BufferedInputStream(deadlined, 16 << 10);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 << 10);
        }

        static Connection connect(WsmanSettings settings, long deadline) throws IOException {
            Socket s = new Socket();
            try {
                int port = settings.endpoint().getPort() < 0 ? 80 : settings.endpoint().getPort();
                s.connect(new InetSocketAddress(settings.endpoint().getHost(), port), remaining(deadline));
                s.setTcpNoDelay(true);
                return new Connection(settings, s);
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }

        /** One handshake leg: an empty POST with the token (pywinrm and WinRM's own client do the same). */
        HttpMessage authenticate(byte[] token, long deadline) throws IOException, WsmanException {
            send(List.of(new String[] {"Authorization", "Negotiate " + Base64.getEncoder().encodeToString(token)},
                    new String[] {"Content-Type", SOAP_TYPE}), new byte[0], deadline);
            return receive(deadline);
        }

        void send(List<String[]> fields, byte[] body, long deadline) throws IOException {
            List<String[]> all = new ArrayList<>();
            all.add(new String[] {"Host", hostHeader()});
            all.add(new String[] {"Connection", "Keep-Alive"});
            all.add(new String[] {"User-Agent", "replprov"});
            all.addAll(fields);
            socket.setSoTimeout(remaining(deadline));
            HttpMessage.write(out, "POST " + path() + " HTTP/1.1", all, body);
        }

        HttpMessage receive(long deadline) throws IOException, WsmanException {
            deadlined.deadline = deadline;
            return HttpMessage.read(in, true, settings.maxResponseBytes());
        }

        private String hostHeader() {
            int port = settings.endpoint().getPort();
            return settings.endpoint().getHost() + (port < 0 ? "" : ":" + port);
        }

        private String path() {
            String p = settings.endpoint().getRawPath();
            String q = settings.endpoint().getRawQuery();
            return (p == null || p.isEmpty() ? "/" : p) + (q == null ? "" : "?" + q);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** Milliseconds left until {@code deadline}, at least 1 (0 would mean no timeout to a socket). */
    private static int remaining(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("the call's time is up");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    /** The socket's input, each read given only the time left until the deadline: a slow drip cannot outlast it. */
    private static final class Deadlined extends FilterInputStream {
        private final Socket socket;
        private long deadline;

        Deadlined(Socket socket) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(remaining(deadline));
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(remaining(deadline));
            return super.read(b, off, len);
        }
    }
}
