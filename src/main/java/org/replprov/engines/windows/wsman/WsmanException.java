package org.replprov.engines.windows.wsman;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.replprov.cim.WbemStatus;

/**
 * A WS-Management call did not succeed. Checked, so that every caller decides what it means; carries the WMI status a
 * WMI client would have seen ({@link #status()}), whatever the failure.
 *
 * <p>For a SOAP fault ({@link Kind#FAULT}): the WS-Management fault subcode (DSP0226 §14, {@code wsman:AccessDenied},
 * {@code wsa:DestinationUnreachable}, …) as its local name, and the error code Windows puts in the fault detail
 * (the {@code Code} attribute of MS-WSMV's {@code WSManFault} detail, or {@code MSFT_WmiError/error_Code}), which for a WMI provider's error is
 * the WBEMSTATUS HRESULT (MS-WMI §2.2.11). The status is that code when it is a WBEMSTATUS, else the subcode's
 * meaning ({@link #statusOfSubcode}).
 */
public final class WsmanException extends Exception {

    /** What went wrong. */
    public enum Kind {
        /** The server answered with a SOAP fault. */
        FAULT,
        /** The server refused the credentials (HTTP 401). */
        AUTHENTICATION,
        /** The server answered with an HTTP status other than 200 and no SOAP fault. */
        HTTP,
        /** The server could not be reached, or the connection broke (TLS, I/O). */
        TRANSPORT,
        /** No answer within the call's timeout. */
        TIMEOUT,
        /** The answer was not a WS-Management message we can read (or was larger than allowed). */
        MALFORMED,
        /**
         * With NTLM message encryption: an answer's signature or sequence number did not verify, or it came
         * unencrypted (MS-WSMV §2.2.9.1.1); tampered with on the way, or the session is out of step.
         */
        INTEGRITY
    }

    /**
     * What each fault subcode means for a WMI client, used when the fault carries no WMI code. DSP0226 §14 defines
     * the subcodes; the WBEM statuses are our reading of them (no specification maps faults back to WMI errors).
     */
    private static final Map<String, WbemStatus> SUBCODES = Map.ofEntries(
            Map.entry("AccessDenied", WbemStatus.WBEM_E_ACCESS_DENIED),
            Map.entry("InvalidSelectors", WbemStatus.WBEM_E_INVALID_OBJECT_PATH),
            Map.entry("DestinationUnreachable", WbemStatus.WBEM_E_NOT_FOUND),
            Map.entry("ActionNotSupported", WbemStatus.WBEM_E_INVALID_METHOD),
            Map.entry("TimedOut", WbemStatus.WBEM_E_TIMED_OUT),
            Map.entry("CannotProcessFilter", WbemStatus.WBEM_E_INVALID_QUERY),
            Map.entry("FilterDialectRequestedUnavailable", WbemStatus.WBEM_E_INVALID_QUERY_TYPE),
            Map.entry("InvalidEnumerationContext", WbemStatus.WBEM_E_INVALID_OPERATION),
            Map.entry("QuotaLimit", WbemStatus.WBEM_E_QUOTA_VIOLATION),
            Map.entry("EncodingLimit", WbemStatus.WBEM_E_QUOTA_VIOLATION),
            Map.entry("SchemaValidationError", WbemStatus.WBEM_E_INVALID_PARAMETER),
            Map.entry("InvalidParameter", WbemStatus.WBEM_E_INVALID_PARAMETER),
            Map.entry("UnsupportedFeature", WbemStatus.WBEM_E_NOT_SUPPORTED),
            Map.entry("InternalError", WbemStatus.WBEM_E_FAILED));

    private final Kind kind;
    private final String subcode;
    private final Long code;
    private final int httpStatus;
    private final WbemStatus status;

    private WsmanException(Kind kind, String message, String subcode, Long code, int httpStatus, WbemStatus status,
                           Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.subcode = subcode;
        this.code = code;
        this.httpStatus = httpStatus;
        this.status = status;
    }

    static WsmanException fault(String reason, String subcode, Long code, int httpStatus) {
        WbemStatus status = Optional.ofNullable(code).flatMap(c -> WbemStatus.fromCode((int) c.longValue()))
                .orElseGet(() -> statusOfSubcode(subcode));
        StringBuilder m = new StringBuilder("WS-Management fault");
        if (subcode != null) {
            m.append(' ').append(subcode);
        }
        if (code != null) {
            m.append(String.format(Locale.ROOT, " (error 0x%08X)", code));
        }
        m.append(": ").append(reason.isBlank() ? "(no reason given)" : reason.strip());
        return new WsmanException(Kind.FAULT, m.toString(), subcode, code, httpStatus, status, null);
    }

    static WsmanException authentication(int httpStatus, String schemes) {
        return new WsmanException(Kind.AUTHENTICATION, "the server refused the credentials (HTTP " + httpStatus
                + "; it offers: " + (schemes.isBlank() ? "no scheme" : schemes) + ")", null, null, httpStatus,
                WbemStatus.WBEM_E_ACCESS_DENIED, null);
    }

    /** The authentication handshake failed before the server said yes or no to the credentials. */
    static WsmanException authentication(int httpStatus, String message, Throwable cause) {
        return new WsmanException(Kind.AUTHENTICATION, message, null, null, httpStatus,
                WbemStatus.WBEM_E_ACCESS_DENIED, cause);
    }

    static WsmanException integrity(String message) {
        return new WsmanException(Kind.INTEGRITY, message, null, null, 0, WbemStatus.WBEM_E_TRANSPORT_FAILURE, null);
    }

    static WsmanException http(int httpStatus, String contentType) {
        return new WsmanException(Kind.HTTP, "the server answered HTTP " + httpStatus + " (" + contentType
                + ") without a SOAP fault", null, null, httpStatus, WbemStatus.WBEM_E_TRANSPORT_FAILURE, null);
    }

    static WsmanException transport(String message, Throwable cause) {
        return new WsmanException(Kind.TRANSPORT, message, null, null, 0, WbemStatus.WBEM_E_TRANSPORT_FAILURE, cause);
    }

    static WsmanException timeout(String message) {
        return new WsmanException(Kind.TIMEOUT, message, null, null, 0, WbemStatus.WBEM_E_TIMED_OUT, null);
    }

    static WsmanException malformed(String message) {
        return new WsmanException(Kind.MALFORMED, message, null, null, 0, WbemStatus.WBEM_E_TRANSPORT_FAILURE, null);
    }

    static WsmanException tooLarge(String message) {
        return new WsmanException(Kind.MALFORMED, message, null, null, 0, WbemStatus.WBEM_E_QUOTA_VIOLATION, null);
    }

    /** The WBEM status of a fault that carries no WMI code: by its subcode; WBEM_E_FAILED for others. */
    static WbemStatus statusOfSubcode(String subcode) {
        return subcode == null ? WbemStatus.WBEM_E_FAILED : SUBCODES.getOrDefault(subcode, WbemStatus.WBEM_E_FAILED);
    }

    public Kind kind() {
        return kind;
    }

    /** The fault's WS-Management subcode, as its local name ({@code AccessDenied}); empty when not a fault. */
    public Optional<String> subcode() {
        return Optional.ofNullable(subcode);
    }

    /** The error code of the fault detail (unsigned 32 bits): a WBEMSTATUS or WinRM error; empty when none. */
    public OptionalLong code() {
        return code == null ? OptionalLong.empty() : OptionalLong.of(code);
    }

    /** The HTTP status of the answer; empty when there was none. */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** What a WMI client would have seen. */
    public WbemStatus status() {
        return status;
    }
}
