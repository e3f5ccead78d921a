package org.replprov.engines.sambaad.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Unix-domain socket adapter against a JDK Unix-domain server: data both ways, EOF, timeouts, close. */
class UnixDomainSocketFactoryTest {

    @TempDir
    Path dir;

    private Path path;
    private ServerSocketChannel server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void listen() throws IOException {
        path = dir.resolve("ldapi");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
    }

    @AfterEach
    void stop() throws IOException {
        threads.shutdownNow();
        server.close();
    }

    private Socket connect() throws IOException {
        // As the LDAP SDK does: an unconnected socket, then a TCP address the factory ignores.
        Socket s = new UnixDomainSocketFactory(path).createSocket();
        s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 389), 1000);
        return s;
    }

    @Test
    void bytesGoBothWaysAndThePeersCloseIsTheEndOfTheStream() throws Exception {
        try (Socket s = connect(); SocketChannel peer = server.accept()) {
            assertThat(s.isConnected()).isTrue();
            assertThat(s.getRemoteSocketAddress()).isEqualTo(UnixDomainSocketAddress.of(path));
            // What the LDAP SDK sets on every connection must be accepted.
            s.setKeepAlive(true);
            s.setReuseAddress(true);
            s.setSoLinger(true, 5);
            s.setTcpNoDelay(true);
            s.setReceiveBufferSize(64 * 1024);
            s.setSendBufferSize(64 * 1024);
            assertThat(s.getSoLinger()).isEqualTo(5);
            s.getOutputStream().write("bind".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer got = ByteBuffer.allocate(4);
            while (got.hasRemaining()) {
                peer.read(got);
            }
            assertThat(new String(got.array(), StandardCharsets.US_ASCII)).isEqualTo("bind");
            peer.write(ByteBuffer.wrap(new byte[] {1, 2, (byte) 0xFF}));
            InputStream in = s.getInputStream();
            byte[] b = new byte[3];
            assertThat(in.readNBytes(b, 0, 3)).isEqualTo(3);
            assertThat(b).containsExactly(1, 2, 0xFF);
            peer.close();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(b, 0, 3)).isEqualTo(-1);
        }
    }

    @Test
    void aReadWaitsAtMostSoTimeoutAndTheSocketStaysUsable() throws Exception {
        try (Socket s = connect(); SocketChannel peer = server.accept()) {
            s.setSoTimeout(300);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class)
                    .hasMessageContaining(path.toString());
            Duration waited = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(290)).isLessThan(Duration.ofSeconds(5));
            // As on a TCP socket, a timeout leaves the connection open.
            peer.write(ByteBuffer.wrap(new byte[] {42}));
            assertThat(s.getInputStream().read()).isEqualTo(42);
        }
    }

    @Test
    void closeEndsABlockedReadAndAWriteToAPeerThatDoesNotRead() throws Exception {
        try (Socket s = connect(); SocketChannel peer = server.accept()) {
            Future<Integer> reader = threads.submit(() -> s.getInputStream().read());
            Future<Void> writer = threads.submit(() -> {
                OutputStream out = s.getOutputStream();
                byte[] chunk = new byte[64 * 1024];
                while (true) {
                    out.write(chunk);
                }
            });
            Thread.sleep(300);
            assertThat(reader).isNotDone();
            assertThat(writer).isNotDone();
            s.close();
            assertThat(s.isClosed()).isTrue();
            assertThatThrownBy(() -> reader.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SocketException.class);
            assertThatThrownBy(() -> writer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SocketException.class);
            // The peer sees the end of the stream once it has read what was written.
            ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int n;
            do {
                sink.clear();
                n = peer.read(sink);
            } while (n >= 0 && System.nanoTime() < deadline);
            assertThat(n).isEqualTo(-1);
            assertThatThrownBy(() -> s.getInputStream()).isInstanceOf(SocketException.class);
        }
    }

    @Test
    void anInterruptEndsAWaitingRead() throws Exception {
        try (Socket s = connect(); SocketChannel peer = server.accept()) {
            CompletableFuture<Thread> started = new CompletableFuture<>();
            Future<Integer> reader = threads.submit(() -> {
                started.complete(Thread.currentThread());
                return s.getInputStream().read();
            });
            Thread t = started.get(5, TimeUnit.SECONDS);
            Thread.sleep(200);
            t.interrupt();
            assertThatThrownBy(() -> reader.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(InterruptedIOException.class);
        }
    }

    @Test
    void aMissingSocketIsAConnectFailureNamingItsPath() throws Exception {
        Path missing = dir.resolve("no-such-socket");
        assertThatThrownBy(() -> new UnixDomainSocketFactory(missing).createSocket("ignored", 389))
                .isInstanceOf(ConnectException.class).hasMessageContaining(missing.toString());
    }

    /** The LDAP SDK's response timeout works through the adapter: a server that accepts and never answers. */
    @Test
    void theLdapClientsOperationTimeoutHoldsOnASilentServer() throws Exception {
        DirectorySettings settings = DirectorySettings.of(LdapiUrl.parse("ldapi://" + encoded(path)), "someone",
                Optional.empty()).withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700));
        threads.submit(() -> {
            try (SocketChannel silent = server.accept()) {
                Thread.sleep(10_000);
            }
            return null;
        });
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> DirectoryReader.connect(settings, "pw".toCharArray()))
                .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.kind())
                        .isEqualTo(DirectoryException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aMissingSocketIsAConnectErrorOfTheReaderNamingThePath() {
        Path missing = dir.resolve("gone");
        DirectorySettings settings = DirectorySettings.of(LdapiUrl.parse("ldapi://" + encoded(missing)), "someone",
                Optional.empty());
        assertThatThrownBy(() -> DirectoryReader.connect(settings, "pw".toCharArray()))
                .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.kind())
                        .isEqualTo(DirectoryException.Kind.CONNECT))
                .hasMessageContaining("cannot connect to the socket " + missing + ": No such file or directory");
    }

    static String encoded(Path p) {
        return p.toString().replace("%", "%25").replace("/", "%2F");
    }
}
