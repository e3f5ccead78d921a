package org.replprov.engines.windows.dcom;

import org.jinterop.dcom.common.JIException;
import org.jinterop.dcom.core.JISession;

/**
 * Creates and destroys j-Interop sessions, containing what the library does to the whole JVM.
 *
 * <p>{@code JISession.createSession} sets the JVM-wide system property {@code jcifs.smb.client.domain} (to
 * "JIDomain" or the session's domain), which would change the defaults of every other jcifs user in the daemon (the
 * embedded engine's SMB transport): its previous value is put back. The first session also starts j-Interop's OXID
 * resolver, a listening TCP socket on all interfaces for DCOM callbacks; this client never exports objects, so
 * nothing is served on it, but it stays open for the life of the JVM (documented in docs/engines.md: firewall it).
 */
final class Sessions {

    private static final String DOMAIN_PROPERTY = "jcifs.smb.client.domain";

    private Sessions() {
    }

    static synchronized JISession create(String domain, String user, String password) {
        String before = System.getProperty(DOMAIN_PROPERTY);
        try {
            return JISession.createSession(domain, user, password);
        } finally {
            if (before == null) {
                System.clearProperty(DOMAIN_PROPERTY);
            } else {
                System.setProperty(DOMAIN_PROPERTY, before);
            }
        }
    }

    static void destroy(JISession session) {
        try {
            JISession.destroySession(session);
        } catch (JIException | RuntimeException e) {
            // The session's references die with its connections; nothing else to do.
        }
    }
}
