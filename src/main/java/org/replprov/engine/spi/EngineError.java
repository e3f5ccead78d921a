package org.replprov.engine.spi;

import java.util.Objects;

/**
 * The error an engine met on a link, in the engine's own terms, and which of the DFS Replication connection events it
 * amounts to.
 *
 * @param event the connection error event it corresponds to (LastErrorMessageId)
 * @param space what {@code code} is
 * @param code the engine's code: a Win32 error, a WERROR (MS-ERREF §2.2, the same numbers), an HRESULT as an unsigned
 *     32-bit value; 0 when {@code space} is {@link CodeSpace#TEXT}
 * @param text the engine's own words, for the log and the operator (never parsed)
 */
public record EngineError(ConnectionFailure event, CodeSpace space, long code, String text) {

    /** The code space of {@link #code}. */
    public enum CodeSpace {
        /** Win32 error codes (MS-ERREF §2.2). */
        WIN32,
        /** WERROR, as DRSR and Samba return them: Win32 numbers (MS-ERREF §2.2). */
        WERROR,
        /** An HRESULT (MS-ERREF §2.1), as DFSR's own WMI properties carry. */
        HRESULT,
        /** No code: the engine has only words (Syncthing's REST API, a JDK exception). */
        TEXT
    }

    public EngineError {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(text, "text");
        if (space == CodeSpace.TEXT ? code != 0 : code < 0 || code > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("code " + code + " does not fit code space " + space);
        }
    }

    /** An error the engine has only words for. */
    public static EngineError text(ConnectionFailure event, String text) {
        return new EngineError(event, CodeSpace.TEXT, 0, text);
    }
}
