package org.replprov.engines.syncthing;

import java.util.Locale;

import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.spi.EngineError;
import org.replprov.engines.syncthing.rest.SyncthingException;

/**
 * Which DFS Replication connection event (LastErrorMessageId) a Syncthing error amounts to. Syncthing reports errors
 * as text only, so the code space is {@link EngineError.CodeSpace#TEXT} and the text is Syncthing's own; the event is
 * chosen by this table (docs/engines.md, "Syncthing", keep both in step):
 *
 * <table>
 *   <tr><th>Source</th><th>Text contains</th><th>Event</th></tr>
 *   <tr><td>dial error ({@code lastDialStatus})</td><td>refused, unreachable, no route, timeout, no such host</td>
 *       <td>5008 SERVICE_UNREACHABLE</td></tr>
 *   <tr><td>dial error</td><td>device ID, certificate, unknown device, rejected</td><td>5012 UNRECOGNIZED</td></tr>
 *   <tr><td>dial error</td><td>protocol, version, unsupported</td><td>5102 INCOMPATIBLE_VERSION</td></tr>
 *   <tr><td>dial error</td><td>anything else</td><td>5002 CONNECTION_ERROR</td></tr>
 *   <tr><td>folder in state {@code error}, pull errors</td><td>—</td><td>5002 CONNECTION_ERROR</td></tr>
 *   <tr><td>REST API not reachable</td><td>—</td><td>5008 SERVICE_UNREACHABLE</td></tr>
 *   <tr><td>REST API refuses the key (401/403)</td><td>—</td><td>5012 UNRECOGNIZED</td></tr>
 *   <tr><td>REST answer not readable</td><td>—</td><td>5102 INCOMPATIBLE_VERSION</td></tr>
 *   <tr><td>other REST failures (TLS trust, 404, 500)</td><td>—</td><td>5002 CONNECTION_ERROR</td></tr>
 * </table>
 */
final class Classification {

    private Classification() {
    }

    /** A failed dial to a partner, with Syncthing's text. */
    static EngineError dial(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        ConnectionFailure event;
        if (containsAny(t, "refused", "unreachable", "no route", "timeout", "timed out", "no such host")) {
            event = ConnectionFailure.SERVICE_UNREACHABLE;
        } else if (containsAny(t, "device id", "certificate", "unknown device", "rejected")) {
            event = ConnectionFailure.UNRECOGNIZED;
        } else if (containsAny(t, "protocol", "version", "unsupported")) {
            event = ConnectionFailure.INCOMPATIBLE_VERSION;
        } else {
            event = ConnectionFailure.CONNECTION_ERROR;
        }
        return EngineError.text(event, text);
    }

    /** A folder's own error (state {@code error}) or its pull errors. */
    static EngineError folder(String text) {
        return EngineError.text(ConnectionFailure.CONNECTION_ERROR, text);
    }

    /** The REST API itself failed: every link of the instance shows it. */
    static EngineError rest(SyncthingException e) {
        ConnectionFailure event = switch (e.kind()) {
            case UNREACHABLE -> ConnectionFailure.SERVICE_UNREACHABLE;
            case UNAUTHORIZED -> ConnectionFailure.UNRECOGNIZED;
            case PROTOCOL -> ConnectionFailure.INCOMPATIBLE_VERSION;
            case UNTRUSTED, NOT_FOUND, REFUSED -> ConnectionFailure.CONNECTION_ERROR;
        };
        return EngineError.text(event, "Syncthing REST API: " + e.getMessage());
    }

    private static boolean containsAny(String text, String... parts) {
        for (String p : parts) {
            if (text.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
