package org.replprov.engines.syncthing.rest;

import java.util.Objects;

/**
 * A Syncthing REST call failed. The {@link Kind} says what an adapter does about it; {@link #status()} is the HTTP
 * status when Syncthing answered; {@link #engineMessage()} is Syncthing's own text (its error bodies are plain text),
 * bounded and with control characters escaped so that it can go into a log line or a CIM string as it is.
 */
public final class SyncthingException extends Exception {

    /** Longest engine message kept, in characters. */
    public static final int MAX_ENGINE_MESSAGE = 512;

    /** Why the call failed. */
    public enum Kind {
        /** No answer: connection refused or reset, timeout, a stream cut in the middle of an answer. */
        UNREACHABLE,
        /** The HTTPS GUI's certificate is not trusted: neither by the JDK nor by the configured CA certificate. */
        UNTRUSTED,
        /** HTTP 401 or 403: no API key, or not this instance's (Syncthing answers 403 "CSRF Error"). */
        UNAUTHORIZED,
        /** HTTP 404: no such folder, device or endpoint (an endpoint this version lacks). */
        NOT_FOUND,
        /** Any other HTTP error: Syncthing refused the request (400 invalid device ID, 500 …). */
        REFUSED,
        /** An answer that cannot be read: not JSON, too large, too deep, or not the shape Syncthing documents. */
        PROTOCOL
    }

    private final Kind kind;
    private final int status;
    private final String engineMessage;

    SyncthingException(Kind kind, int status, String engineMessage, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.engineMessage = engineMessage == null ? "" : printable(engineMessage, MAX_ENGINE_MESSAGE);
    }

    SyncthingException(Kind kind, String message, Throwable cause) {
        this(kind, 0, "", message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status of Syncthing's answer; 0 when there was none. */
    public int status() {
        return status;
    }

    /** Syncthing's error text (bounded, control characters escaped); empty when it gave none. */
    public String engineMessage() {
        return engineMessage;
    }

    /**
     * {@code text} without surrounding white space, cut to {@code max} characters (marked with "…"), with control
     * characters (C0, DEL, C1, line and paragraph separators) written as {@code \n}, {@code \t} or {@code \}{@code uXXXX}.
     */
    static String printable(String text, int max) {
        String s = text.strip();
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length(); i++) {
            if (b.length() >= max) {
                b.append('…');
                break;
            }
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
