package org.replprov.engines.windows.wsman;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * WinRM's HTTP listener as a default domain member has it: Negotiate (NTLM) authentication bound to the TCP
 * connection, and AllowUnencrypted false, so every message after the handshake is sealed (MS-WSMV §2.2.9.1.1) and an
 * unencrypted one refused with 401. Each connection has its own NTLM context; switches let a test close
 * connections, tamper with an answer's signature or answer in the clear.
 */
public final class NtlmListener implements AutoCloseable {

    private final NtlmAcceptor.Account account;
    private final Function<byte[], WsmanServer.Reply> service;
    private final ServerSocket listener;
    private final SecureRandom random = new SecureRandom();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<NtlmAcceptor.Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closeAfterNext = new AtomicBoolean();
    private final AtomicBoolean tamperNext = new AtomicBoolean();
    private final AtomicBoolean clearNext = new AtomicBoolean();
    private final AtomicInteger sealedRequests = new AtomicInteger();

    NtlmListener(NtlmAcceptor.Account account, Function<byte[], WsmanServer.Reply> service, ExecutorService threads)
            throws IOException {
        this.account = account;
        this.service = service;
        this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    open.add(s);
                    connections.incrementAndGet();
                    threads.execute(() -> serve(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Authentications that succeeded, in order. */
    public List<NtlmAcceptor.Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** Why authentications or requests were refused, in order. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Sealed requests unsealed and verified. */
    public int sealedRequests() {
        return sealedRequests.get();
    }

    /** The next answer says {@code Connection: close} and the connection ends after it. */
    public void closeAfterNextAnswer() {
        closeAfterNext.set(true);
    }

    /** Closes every open connection now, without a word (an idle timeout, a service restart). */
    public void dropConnections() throws IOException {
        for (Socket s : open) {
            s.close();
        }
    }

    /** The next answer's NTLM signature gets one bit flipped. */
    public void tamperWithNextAnswer() {
        tamperNext.set(true);
    }

    /** The next answer comes unencrypted, as plain SOAP. */
    public void answerNextInTheClear() {
        clearNext.set(true);
    }

    @Override
    public void close() {
        try {
            listener.close();
            dropConnections();
        } catch (IOException ignored) {
            // stopping anyway
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream());
             OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 << 10)) {
            s.setTcpNoDelay(true); // each answer goes out in one write: no wait for a delayed ACK
            NtlmAcceptor acceptor = null;
            NtlmAcceptor.Accepted session = null;
            while (true) {
                HttpMessage req;
                try {
                    req = HttpMessage.read(in, false, 1 << 20);
                } catch (HttpMessage.Closed done) {
                    return;
                }
                if (s.isClosed()) {
                    // Dropped by dropConnections() while this thread waited in read: a socket closed from another
                    // thread may still hand over a request that arrives later, which a dropped connection never
                    // serves.
                    return;
                }
                String authorization = req.field("Authorization").orElse("");
                if (authorization.regionMatches(true, 0, "Negotiate ", 0, 10)) {
                    byte[] token = Base64.getDecoder().decode(authorization.substring(10).strip());
                    try {
                        if (token.length > 8 && token[8] == 1) {
                            acceptor = new NtlmAcceptor(account, random);
                            session = null;
                            byte[] challenge = acceptor.challenge(token);
                            reply(out, 401, List.<String[]>of(new String[] {"WWW-Authenticate", "Negotiate "
                                    + Base64.getEncoder().encodeToString(challenge)}), null, new byte[0], false);
                            continue;
                        }
                        if (acceptor == null) {
                            throw new NtlmAcceptor.Refused("AUTHENTICATE without NEGOTIATE");
                        }
                        session = acceptor.accept(token);
                        accepted.add(session);
                        acceptor = null;
                    } catch (NtlmAcceptor.Refused r) {
                        refusals.add(r.getMessage());
                        acceptor = null;
                        session = null;
                        challengeAgain(out);
                        continue;
                    }
                    if (req.body().length == 0) {
                        reply(out, 200, List.of(), null, new byte[0], false);
                        continue;
                    }
                }
                String type = req.field("Content-Type").orElse("");
                if (session == null || !EncryptedMessage.isEncrypted(type)) {
                    // WinRM with AllowUnencrypted=false answers an unencrypted message with 401.
                    refusals.add(session == null ? "no authenticated context" : "unencrypted " + type);
                    challengeAgain(out);
                    continue;
                }
                byte[] soap;
                try {
                    soap = EncryptedMessage.unseal(session.session(), req.body());
                } catch (WsmanException bad) {
                    refusals.add(bad.getMessage());
                    reply(out, 400, List.of(), null, new byte[0], true);
                    return;
                }
                sealedRequests.incrementAndGet();
                WsmanServer.Reply r = service.apply(soap);
                if (r == null) {
                    return;
                }
                boolean close = closeAfterNext.getAndSet(false);
                if (clearNext.getAndSet(false)) {
                    reply(out, r.status(), List.of(), "application/soap+xml;charset=UTF-8", r.soap(), close);
                } else {
                    byte[] body = EncryptedMessage.seal(session.session(), r.soap());
                    if (tamperNext.getAndSet(false)) {
                        int sig = indexOf(body, "application/octet-stream\r\n") + 26 + 4;
                        body[sig + 5] ^= 0x01;
                    }
                    reply(out, r.status(), List.of(), EncryptedMessage.CONTENT_TYPE, body, close);
                }
                if (close) {
                    return;
                }
            }
        } catch (IOException | WsmanException | RuntimeException gone) {
            // the client went away, or sent what no client would: the connection ends
        } finally {
            open.remove(s);
        }
    }

    private static void challengeAgain(OutputStream out) throws IOException {
        reply(out, 401, List.of(new String[] {"WWW-Authenticate", "Negotiate"},
                new String[] {"WWW-Authenticate", "Kerberos"}), null, new byte[0], false);
    }

    private static void reply(OutputStream out, int status, List<String[]> fields, String type, byte[] body,
                              boolean close) throws IOException {
        List<String[]> all = new ArrayList<>(fields);
        all.add(new String[] {"Server", "Microsoft-HTTPAPI/2.0"});
        if (type != null) {
            all.add(new String[] {"Content-Type", type});
        }
        if (close) {
            all.add(new String[] {"Connection", "close"});
        }
        HttpMessage.write(out, "HTTP/1.1 " + status + (status == 200 ? " OK" : status == 401 ? " Unauthorized"
                : status == 500 ? " Internal Server Error" : " Bad Request"), all, body);
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
