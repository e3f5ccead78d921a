package org.replprov.engines.windows.dcom;

import java.util.Locale;

/**
 * A failed DCOM/MS-WMI exchange, typed by what failed.
 *
 * <ul>
 *   <li>{@link Kind#WBEM}: the server answered with a WBEM status (MS-WMI §2.2.11, {@code 0x8004xxxx}), e.g.
 *       {@code WBEM_E_INVALID_CLASS} 0x80041010, {@code WBEM_E_ACCESS_DENIED} 0x80041003;</li>
 *   <li>{@link Kind#HRESULT}: another HRESULT or RPC fault status (MS-ERREF), e.g. {@code E_ACCESSDENIED}
 *       0x80070005 when the member refuses the activation, {@code RPC_S_SERVER_UNAVAILABLE} 0x800706BA;</li>
 *   <li>{@link Kind#TRANSPORT}: no connection (refused, reset, unknown host);</li>
 *   <li>{@link Kind#TIMEOUT}: no answer within the call timeout;</li>
 *   <li>{@link Kind#PROTOCOL}: an answer this client cannot accept (a malformed ObjectArray or MS-WMIO object);</li>
 *   <li>{@link Kind#SETUP}: the DCOM library cannot be made to activate at packet privacy (see
 *       {@link JInteropShim}); nothing was sent.</li>
 * </ul>
 * Messages never carry credentials.
 */
public final class DcomException extends Exception {

    public enum Kind { WBEM, HRESULT, TRANSPORT, TIMEOUT, PROTOCOL, SETUP }

    private final Kind kind;
    private final long code;

    public DcomException(Kind kind, long code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code & 0xFFFFFFFFL;
    }

    /** A status from the server, typed {@link Kind#WBEM} when it is in the WBEM facility (0x8004_1xxx). */
    static DcomException status(long code, String what, Throwable cause) {
        long c = code & 0xFFFFFFFFL;
        Kind kind = (c & 0xFFFFF000L) == 0x80041000L || (c & 0xFFFFF000L) == 0x80042000L ? Kind.WBEM : Kind.HRESULT;
        return new DcomException(kind, c, what + ": " + hex(c), cause);
    }

    public static String hex(long code) {
        return String.format(Locale.ROOT, "0x%08X", code & 0xFFFFFFFFL);
    }

    public Kind kind() {
        return kind;
    }

    /** The WBEM status or HRESULT (unsigned), 0 for the other kinds. */
    public long code() {
        return code;
    }
}
