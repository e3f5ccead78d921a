package org.replprov.server.http;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Request ids: the client's {@code X-Request-Id} when it is a short token, else a random per-process prefix and a
 * counter ({@code k3x9-1f}), so ids from two daemon runs do not collide in one log.
 */
public final class RequestIds {

    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String prefix = Long.toString(new SecureRandom().nextInt(36 * 36 * 36 * 36), 36);
    private final AtomicLong counter = new AtomicLong();

    public String next(String fromClient) {
        if (fromClient != null && CLIENT_REQUEST_ID.matcher(fromClient).matches()) {
            return fromClient;
        }
        return prefix + "-" + Long.toString(counter.incrementAndGet(), 36);
    }
}
