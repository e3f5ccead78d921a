package org.replprov.server.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.replprov.server.security.Principal;

/**
 * {@link Exchange} over a Jetty request and response. The body is handed in by the front end once read; the response
 * is written with blocking writes on the handler's own thread, each bounded by the write timeout: a client that stops
 * reading has its connection closed, which frees the thread.
 */
final class JettyExchange implements PendingExchange {

    private static final int BUFFER = 16 * 1024;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String requestId;
    private final Duration writeTimeout;
    private final Duration requestTimeout;
    private final int maxBodyBytes;
    private final URI uri;
    private volatile Principal principal = Principal.ANONYMOUS;
    private byte[] body = new byte[0];
    private String tooLarge;
    private int status;
    private ResponseStream stream;
    private volatile boolean detached;
    private boolean completed;
    private boolean malformedUri;

    JettyExchange(Request request, Response response, Callback callback, String requestId,
                  HttpFront.Settings settings) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.requestId = requestId;
        this.writeTimeout = settings.writeTimeout();
        this.requestTimeout = settings.requestTimeout();
        this.maxBodyBytes = settings.maxRequestBytes();
        URI parsed;
        try {
            parsed = new URI(request.getHttpURI().getPathQuery());
        } catch (URISyntaxException e) {
            // Kept for routing the refusal: the same path with every '%' escaped.
            String raw = request.getHttpURI().getPath() != null ? request.getHttpURI().getPath()
                    : String.valueOf(request.getHttpURI().asString());
            parsed = URI.create(raw.replace("%", "%25").replaceAll("[^\\x21-\\x7e]", "_"));
            malformedUri = true;
        }
        this.uri = parsed;
    }

    @Override
    public void authenticated(Principal p) {
        this.principal = Objects.requireNonNull(p, "principal");
    }

    @Override
    public CompletableFuture<Void> readBody() {
        // From the header itself: Content.Source's length is not the declared one while 100 Continue is pending.
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > maxBodyBytes) {
            tooLarge = "the request body of " + declared + " bytes exceeds the limit of " + maxBodyBytes;
            return CompletableFuture.completedFuture(null);
        }
        if (declared == 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> read = new CompletableFuture<>();
        Content.Source.asByteArrayAsync(request, maxBodyBytes, new Promise.Invocable.NonBlocking<>() {
            @Override
            public void succeeded(byte[] bytes) {
                body = bytes;
                read.complete(null);
            }

            @Override
            public void failed(Throwable x) {
                if (x instanceof IllegalStateException || x instanceof IllegalArgumentException) {
                    // Content.Source's "too large": more than maxBodyBytes arrived in a chunked body.
                    tooLarge = "the request body exceeds the limit of " + maxBodyBytes + " bytes";
                    read.complete(null);
                } else {
                    read.completeExceptionally(x);
                }
            }
        });
        return read.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True when the request URI could not be parsed; {@link #uri()} is then the path, escaped, for routing. */
    boolean malformedUri() {
        return malformedUri;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String requestHeader(String name) {
        return request.getHeaders().get(name);
    }

    @Override
    public boolean secure() {
        return request.isSecure();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return inet(request.getConnectionMetaData().getRemoteSocketAddress());
    }

    @Override
    public InetSocketAddress localAddress() {
        return inet(request.getConnectionMetaData().getLocalSocketAddress());
    }

    private static InetSocketAddress inet(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : new InetSocketAddress(0);
    }

    @Override
    public byte[] body() throws TooLargeException {
        if (tooLarge != null) {
            throw new TooLargeException(tooLarge);
        }
        return body;
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public void responseHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    @Override
    public synchronized OutputStream respond(int status, long length) {
        if (this.status != 0) {
            throw new IllegalStateException("response already sent with status " + this.status);
        }
        this.status = status;
        response.setStatus(status);
        if (length >= 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        }
        stream = new ResponseStream();
        return stream;
    }

    @Override
    public synchronized boolean responded() {
        return status != 0;
    }

    @Override
    public synchronized int status() {
        return status;
    }

    @Override
    public AutoCloseable detach() {
        detached = true;
        return () -> complete(null);
    }

    @Override
    public boolean detached() {
        return detached;
    }

    @Override
    public synchronized void complete(Throwable failure) {
        if (completed) {
            return;
        }
        completed = true;
        if (stream != null && stream.aborted) {
            callback.failed(failure != null ? failure : new IOException("response aborted"));
        } else if (failure != null) {
            callback.failed(failure);
        } else {
            if (stream == null) {
                respond(500, 0);
            }
            stream.close();
        }
    }

    /**
     * The response body, buffered. A full buffer is written and waited for, at most the write timeout, so a handler
     * cannot outrun a slow client; the last write is not waited for: it completes the exchange when it is done. A
     * response that fits the buffer (every refusal, the health check) therefore never blocks, and may be written from
     * an I/O thread.
     */
    private final class ResponseStream extends OutputStream {
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        private volatile boolean closed;
        private volatile boolean aborted;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("response already ended");
            }
            while (len > 0) {
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
                if (!buffer.hasRemaining()) {
                    sendAndWait();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            if (!closed && buffer.position() > 0) {
                sendAndWait();
            }
        }

        /** Sends what is buffered as the end of the response; the exchange completes when it is written. */
        @Override
        public void close() {
            synchronized (JettyExchange.this) {
                if (closed) {
                    return;
                }
                closed = true;
                completed = true;
            }
            buffer.flip();
            response.write(true, buffer, callback);
        }

        private void sendAndWait() throws IOException {
            buffer.flip();
            CompletableFuture<Void> done = new CompletableFuture<>();
            response.write(false, buffer, Callback.from(() -> done.complete(null), done::completeExceptionally));
            try {
                done.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                abort(new IOException("the client did not read the response for " + writeTimeout.toSeconds()
                        + " s; connection closed"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort(new InterruptedIOException("interrupted while writing the response"));
            } catch (ExecutionException e) {
                abort(e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
            } finally {
                buffer.clear();
            }
        }

        private void abort(IOException why) throws IOException {
            closed = true;
            aborted = true;
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            throw why;
        }
    }
}
