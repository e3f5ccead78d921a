package org.replprov.engines.sambaad.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Sockets to one local Unix-domain socket ({@code ldapi://}), for a client that connects through a
 * {@link SocketFactory} — the UnboundID LDAP SDK. Whatever TCP host and port the client asks for, the sockets reach
 * the one path.
 *
 * <p>Why an adapter: the JDK has Unix-domain {@link SocketChannel}s (JEP 380, Java 16) but no {@link Socket} for them
 * ({@code SocketChannel.socket()} throws UnsupportedOperationException), and a blocking channel cannot time out a
 * read, which the SDK's response timeout needs (it sets SO_TIMEOUT and expects {@link SocketTimeoutException}). So
 * the channel is non-blocking and each direction waits in a {@link Selector} of its own, with the SO_TIMEOUT bound on
 * reads; {@link Socket#close()} wakes both, and a blocked reader or writer ends with a {@link SocketException}. This
 * class over the JDK, most of it one-line overrides, seemed better than junixsocket: a dependency with a native
 * library per platform, for one stream socket.
 */
final class UnixDomainSocketFactory extends SocketFactory {

    private final Path path;

    UnixDomainSocketFactory(Path path) {
        this.path = path;
    }

    @Override
    public Socket createSocket() throws IOException {
        return new UnixDomainSocket(path);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        Socket s = createSocket();
        s.connect(null);
        return s;
    }

    /**
     * A stream socket over a non-blocking Unix-domain channel. Every method of {@link Socket} that would reach the
     * TCP implementation behind it is overridden, so none creates a TCP socket. TCP's keep-alive, no-delay and
     * reuse-address mean nothing here: they are remembered and change nothing, as the LDAP client sets them;
     * SO_SNDBUF, SO_RCVBUF and SO_LINGER are the channel's own.
     */
    private static final class UnixDomainSocket extends Socket {

        private final Path path;
        private final SocketChannel channel;
        private final Selector readable;
        private final Selector writable;
        private final Object readLock = new Object();
        private final Object writeLock = new Object();
        private volatile boolean connected;
        private volatile boolean closed;
        private volatile int timeoutMillis;
        private volatile boolean keepAlive;
        private volatile boolean tcpNoDelay;
        private volatile boolean reuseAddress;

        UnixDomainSocket(Path path) throws IOException {
            this.path = path;
            this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                this.readable = Selector.open();
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            try {
                this.writable = Selector.open();
            } catch (IOException e) {
                channel.close();
                readable.close();
                throw e;
            }
        }

        /**
         * Connects to the path; {@code endpoint} (the TCP address the client believes it reaches) is ignored. A
         * Unix-domain connect does not wait for the server to accept: the kernel queues it, and blocks only while the
         * server's listen backlog is full. {@code timeout} is not applied to that wait; {@link #close()} from another
         * thread ends it (UnboundID's connect thread does, when its own timeout passes).
         */
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            open();
            if (connected) {
                throw new SocketException("already connected to " + path);
            }
            try {
                channel.connect(UnixDomainSocketAddress.of(path));
                channel.configureBlocking(false);
                channel.register(readable, SelectionKey.OP_READ);
                channel.register(writable, SelectionKey.OP_WRITE);
            } catch (ClosedChannelException e) {
                throw closedException();
            } catch (IOException e) {
                ConnectException failed = new ConnectException("cannot connect to the socket " + path + ": "
                        + e.getMessage());
                try {
                    close();
                } catch (IOException alsoClose) {
                    failed.addSuppressed(alsoClose);
                }
                throw failed;
            }
            connected = true;
        }

        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            connect(endpoint, 0);
        }

        @Override
        public InputStream getInputStream() throws IOException {
            requireConnected();
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    Objects.checkFromIndexSize(off, len, b.length);
                    return len == 0 ? 0 : receive(ByteBuffer.wrap(b, off, len));
                }

                @Override
                public void close() throws IOException {
                    UnixDomainSocket.this.close();
                }
            };
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            requireConnected();
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    Objects.checkFromIndexSize(off, len, b.length);
                    send(ByteBuffer.wrap(b, off, len));
                }

                @Override
                public void close() throws IOException {
                    UnixDomainSocket.this.close();
                }
            };
        }

        /** Reads at least one byte, or -1 at the end of the stream; waits at most SO_TIMEOUT (0: for ever). */
        private int receive(ByteBuffer into) throws IOException {
            synchronized (readLock) {
                int timeout = timeoutMillis;
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
                while (true) {
                    int n;
                    try {
                        open();
                        n = channel.read(into);
                    } catch (ClosedChannelException e) {
                        throw closedException();
                    }
                    if (n != 0) {
                        return n;
                    }
                    long wait = 0;
                    if (timeout > 0) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SocketTimeoutException("Read timed out after " + timeout + " ms on " + path);
                        }
                        wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
                    }
                    await(readable, wait);
                }
            }
        }

        /** Writes everything; there is no write timeout (a client that wants one closes the socket, which ends it). */
        private void send(ByteBuffer from) throws IOException {
            synchronized (writeLock) {
                while (from.hasRemaining()) {
                    int n;
                    try {
                        open();
                        n = channel.write(from);
                    } catch (ClosedChannelException e) {
                        throw closedException();
                    }
                    if (n == 0) {
                        await(writable, 0);
                    }
                }
            }
        }

        private void await(Selector selector, long millis) throws IOException {
            try {
                selector.select(millis);
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                throw closedException();
            }
            // An interrupt ends select() at once and would keep ending it: give up as an interruptible channel would.
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting on " + path);
            }
        }

        private void open() throws SocketException {
            if (closed) {
                throw closedException();
            }
        }

        private SocketException closedException() {
            return new SocketException("Socket is closed (" + path + ")");
        }

        private void requireConnected() throws SocketException {
            open();
            if (!connected) {
                throw new SocketException("Socket is not connected");
            }
        }

        /** Closes the channel and both selectors, which wakes a reader or writer waiting in them. */
        @Override
        public void close() throws IOException {
            closed = true;
            try {
                channel.close();
            } finally {
                readable.close();
                writable.close();
            }
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public InetAddress getInetAddress() {
            return null;
        }

        @Override
        public int getPort() {
            return 0;
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return connected ? UnixDomainSocketAddress.of(path) : null;
        }

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            if (timeout < 0) {
                throw new IllegalArgumentException("timeout < 0");
            }
            timeoutMillis = timeout;
        }

        @Override
        public int getSoTimeout() {
            return timeoutMillis;
        }

        @Override
        public void setSendBufferSize(int size) throws SocketException {
            option(StandardSocketOptions.SO_SNDBUF, size);
        }

        @Override
        public int getSendBufferSize() throws SocketException {
            return option(StandardSocketOptions.SO_SNDBUF);
        }

        @Override
        public void setReceiveBufferSize(int size) throws SocketException {
            option(StandardSocketOptions.SO_RCVBUF, size);
        }

        @Override
        public int getReceiveBufferSize() throws SocketException {
            return option(StandardSocketOptions.SO_RCVBUF);
        }

        @Override
        public void setSoLinger(boolean on, int linger) throws SocketException {
            option(StandardSocketOptions.SO_LINGER, on ? Math.min(linger, 65535) : -1);
        }

        @Override
        public int getSoLinger() throws SocketException {
            return option(StandardSocketOptions.SO_LINGER);
        }

        private void option(SocketOption<Integer> name, int value) throws SocketException {
            try {
                channel.setOption(name, value);
            } catch (IOException | IllegalArgumentException e) {
                throw new SocketException("cannot set " + name + " to " + value + " on " + path + ": " + e);
            }
        }

        private int option(SocketOption<Integer> name) throws SocketException {
            try {
                return channel.getOption(name);
            } catch (IOException e) {
                throw new SocketException("cannot read " + name + " of " + path + ": " + e.getMessage());
            }
        }

        @Override
        public void setKeepAlive(boolean on) {
            keepAlive = on;
        }

        @Override
        public boolean getKeepAlive() {
            return keepAlive;
        }

        @Override
        public void setTcpNoDelay(boolean on) {
            tcpNoDelay = on;
        }

        @Override
        public boolean getTcpNoDelay() {
            return tcpNoDelay;
        }

        @Override
        public void setReuseAddress(boolean on) {
            reuseAddress = on;
        }

        @Override
        public boolean getReuseAddress() {
            return reuseAddress;
        }

        /** Refuses what the LDAP client never asks of a socket: half-close, urgent data, IP options, a local bind. */
        private static SocketException unsupported(String what) {
            return new SocketException(what + " is not supported on this Unix-domain socket");
        }

        @Override
        public void shutdownInput() throws IOException {
            throw unsupported("shutdownInput");
        }

        @Override
        public void shutdownOutput() throws IOException {
            throw unsupported("shutdownOutput");
        }

        @Override
        public void setOOBInline(boolean on) throws SocketException {
            throw unsupported("SO_OOBINLINE");
        }

        @Override
        public boolean getOOBInline() throws SocketException {
            throw unsupported("SO_OOBINLINE");
        }

        @Override
        public void sendUrgentData(int data) throws IOException {
            throw unsupported("urgent data");
        }

        @Override
        public void setTrafficClass(int tc) throws SocketException {
            throw unsupported("IP_TOS");
        }

        @Override
        public int getTrafficClass() throws SocketException {
            throw unsupported("IP_TOS");
        }

        @Override
        public void bind(SocketAddress bindpoint) throws IOException {
            throw unsupported("bind");
        }

        @Override
        public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
            throw unsupported(name.name() + " through setOption");
        }

        @Override
        public <T> T getOption(SocketOption<T> name) throws IOException {
            throw unsupported(name.name() + " through getOption");
        }

        @Override
        public Set<SocketOption<?>> supportedOptions() {
            return Set.of();
        }

        @Override
        public String toString() {
            return "UnixDomainSocket[" + path + (closed ? ", closed" : connected ? ", connected" : "") + "]";
        }
    }
}
