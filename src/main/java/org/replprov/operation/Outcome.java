package org.replprov.operation;

import java.util.Optional;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;

/**
 * How an answered request ended, for the access log and the request metrics: the operation name, how many objects
 * the response carried, and the CIM error it reported, if any. A request refused before its operation ran (403, 405,
 * 413, 415, a malformed request) is a failure too, under the WBEM status its {@link Refusal} names, the same on every
 * front end.
 */
public record Outcome(String operation, long objects, CimException error) {

    /**
     * Why a front end refused a request before any operation ran, with the HTTP status it answers and the WBEM status
     * the refusal is counted under ({@code replprov_cim_errors_total}).
     */
    public enum Refusal {
        /** A request the codec cannot read: malformed, or its headers disagree with its body. */
        BAD_REQUEST(400, WbemStatus.WBEM_E_INVALID_PARAMETER),
        /** The caller's role does not allow the operation. */
        FORBIDDEN(403, WbemStatus.WBEM_E_ACCESS_DENIED),
        /** The HTTP method is not one the path takes. */
        METHOD_NOT_ALLOWED(405, WbemStatus.WBEM_E_NOT_SUPPORTED),
        /** The body is over the size limit. */
        TOO_LARGE(413, WbemStatus.WBEM_E_QUOTA_VIOLATION),
        /** The body's media type is not the codec's. */
        UNSUPPORTED_MEDIA_TYPE(415, WbemStatus.WBEM_E_INVALID_PARAMETER),
        /** A protocol feature the server does not offer (CIM-XML batches, other protocol versions, M-POST). */
        NOT_IMPLEMENTED(501, WbemStatus.WBEM_E_NOT_SUPPORTED);

        private final int httpStatus;
        private final WbemStatus status;

        Refusal(int httpStatus, WbemStatus status) {
            this.httpStatus = httpStatus;
            this.status = status;
        }

        public int httpStatus() {
            return httpStatus;
        }

        /** The refusal as the CIM error it is counted as. */
        public CimException error(String description) {
            return new CimException(status, description);
        }
    }

    public static Outcome success(String operation, long objects) {
        return new Outcome(operation, objects, null);
    }

    public static Outcome failure(String operation, CimException error) {
        return new Outcome(operation, 0, error);
    }

    /** A request refused before its operation ran. */
    public static Outcome refused(String operation, Refusal refusal, String description) {
        return failure(operation, refusal.error(description));
    }

    public Optional<CimException> failure() {
        return Optional.ofNullable(error);
    }
}
