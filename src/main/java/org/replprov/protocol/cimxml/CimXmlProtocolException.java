package org.replprov.protocol.cimxml;

/**
 * A request that cannot be answered with a CIM-XML message at all: the transport answers it with an HTTP error
 * status and a {@code CIMError} header (DSP0200 §6.3.3 "CIMError"), not with an {@code ERROR} element.
 */
public final class CimXmlProtocolException extends RuntimeException {

    /** The DSP0200 {@code CIMError} header values and the HTTP status each goes with. */
    public enum CimError {
        /** {@code CIMOperation} is not {@code MethodCall}. */
        UNSUPPORTED_OPERATION("unsupported-operation", 400),
        /** The body is not well-formed XML. */
        REQUEST_NOT_WELL_FORMED("request-not-well-formed", 400),
        /** Well-formed, but not a CIM-XML request this server can read (DSP0201 DTD violation, limits, DOCTYPE). */
        REQUEST_NOT_VALID("request-not-valid", 400),
        /** {@code CIMMethod} or {@code CIMObject} is missing or disagrees with the body. */
        HEADER_MISMATCH("header-mismatch", 400),
        /** A {@code MULTIREQ} or {@code CIMBatch} request. */
        MULTIPLE_REQUESTS_UNSUPPORTED("multiple-requests-unsupported", 501),
        /** {@code CIMVERSION} is not 2.x. */
        UNSUPPORTED_CIM_VERSION("unsupported-cim-version", 501),
        /** {@code DTDVERSION} is not 2.x. */
        UNSUPPORTED_DTD_VERSION("unsupported-dtd-version", 501),
        /** {@code PROTOCOLVERSION} or {@code CIMProtocolVersion} is not 1.x. */
        UNSUPPORTED_PROTOCOL_VERSION("unsupported-protocol-version", 501);

        private final String headerValue;
        private final int httpStatus;

        CimError(String headerValue, int httpStatus) {
            this.headerValue = headerValue;
            this.httpStatus = httpStatus;
        }

        /** The {@code CIMError} header value. */
        public String headerValue() {
            return headerValue;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final CimError cimError;

    public CimXmlProtocolException(CimError cimError, String message) {
        super(message);
        this.cimError = cimError;
    }

    static CimXmlProtocolException notWellFormed(String message) {
        return new CimXmlProtocolException(CimError.REQUEST_NOT_WELL_FORMED, message);
    }

    static CimXmlProtocolException notValid(String message) {
        return new CimXmlProtocolException(CimError.REQUEST_NOT_VALID, message);
    }

    public CimError cimError() {
        return cimError;
    }
}
