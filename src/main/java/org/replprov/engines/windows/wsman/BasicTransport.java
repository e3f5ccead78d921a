package org.replprov.engines.windows.wsman;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTPS with Basic authentication on the JDK's HTTP client: the credentials in every request's header (never logged).
 * Thread-safe: it holds nothing between calls but the HTTP client.
 */
final class BasicTransport implements WsmanTransport {

    private final WsmanSettings settings;
    private final HttpClient http;
    private final String authorization;

    BasicTransport(WsmanSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().sslContext(settings.ssl()).connectTimeout(settings.callTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.user() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Answer post(byte[] soap) throws WsmanException {
        HttpRequest req = HttpRequest.newBuilder(settings.endpoint())
                .timeout(settings.callTimeout())
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(soap)).build();
        HttpResponse<byte[]> response = exchange(req);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().allValues("WWW-Authenticate"));
    }

    private HttpResponse<byte[]> exchange(HttpRequest req) throws WsmanException {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(req,
                info -> new LimitedBody(settings.maxResponseBytes()));
        try {
            // The request timeout covers the wait for the headers only; this bounds the answer's body too.
            return pending.get(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw WsmanException.timeout("no answer from " + settings.endpoint() + " within "
                    + settings.callTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw WsmanException.transport("interrupted while waiting for " + settings.endpoint(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TooLarge) {
                throw WsmanException.tooLarge("the answer from " + settings.endpoint() + " is larger than "
                        + settings.maxResponseBytes() + " bytes");
            }
            if (cause instanceof HttpTimeoutException) {
                throw WsmanException.timeout("no answer from " + settings.endpoint() + " within "
                        + settings.callTimeout().toMillis() + " ms");
            }
            throw WsmanException.transport("cannot reach " + settings.endpoint() + ": " + cause, cause);
        }
    }

    @Override
    public void close() {
        // The JDK's client keeps no connection the caller must release.
    }

    /** The answer's bytes, refused once beyond the limit (the rest is never read). */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (bytes.size() + (long) b.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        @Override
        public CompletableFuture<byte[]> getBody() {
            return result;
        }
    }

    /** The answer exceeded the limit. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("answer too large", null);
        }
    }
}
