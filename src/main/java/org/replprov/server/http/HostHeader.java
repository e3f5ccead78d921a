package org.replprov.server.http;

/** The parts of a {@code Host} header (RFC 9110 §7.2): {@code [::1]:5988} is host {@code ::1}, port 5988. */
public final class HostHeader {

    private HostHeader() {
    }

    /** The host part, without brackets or port; a missing or empty header gives {@code localhost}. */
    public static String hostOf(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return "localhost";
        }
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 1 ? h.substring(1, end) : "localhost";
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
