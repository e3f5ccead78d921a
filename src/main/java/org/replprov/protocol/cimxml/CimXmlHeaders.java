package org.replprov.protocol.cimxml;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.replprov.protocol.cimxml.CimXmlProtocolException.CimError;

/**
 * The DSP0200 extension headers of a CIM-XML request ({@code CIMOperation}, {@code CIMMethod}, {@code CIMObject},
 * {@code CIMProtocolVersion}, {@code CIMBatch}) and the checks made on them before the body is read.
 *
 * <p>Only {@code POST} is served; the {@code M-POST} form with its {@code NN-} prefixed headers is answered 501 by the
 * transport, after which SBLIM Java retries with {@code POST} (observed with wbem-java 1.0.02).
 */
public record CimXmlHeaders(String cimOperation, String cimMethod, String cimObject, String cimProtocolVersion,
                            String cimBatch) {

    /** Reads the headers through {@code header} (name → value or null; HTTP header names ignore case). */
    public static CimXmlHeaders from(UnaryOperator<String> header) {
        return new CimXmlHeaders(header.apply("CIMOperation"), header.apply("CIMMethod"), header.apply("CIMObject"),
                header.apply("CIMProtocolVersion"), header.apply("CIMBatch"));
    }

    /** True when the request says it is a CIM operation at all: it carries {@code CIMOperation}. */
    public boolean present() {
        return cimOperation != null;
    }

    /**
     * The checks DSP0200 asks for before the body is read.
     *
     * @throws CimXmlProtocolException UNSUPPORTED_OPERATION when {@code CIMOperation} is not {@code MethodCall},
     *     MULTIPLE_REQUESTS_UNSUPPORTED for {@code CIMBatch}, UNSUPPORTED_PROTOCOL_VERSION for a
     *     {@code CIMProtocolVersion} other than 1.x (clients that omit it, like pywbem, are accepted)
     */
    public void check() {
        if (cimOperation == null || !cimOperation.trim().equalsIgnoreCase("MethodCall")) {
            throw new CimXmlProtocolException(CimError.UNSUPPORTED_OPERATION,
                    "CIMOperation must be MethodCall, not " + (cimOperation == null ? "missing" : "'" + cimOperation
                            + "'"));
        }
        if (cimBatch != null) {
            throw new CimXmlProtocolException(CimError.MULTIPLE_REQUESTS_UNSUPPORTED,
                    "batched requests (CIMBatch) are not supported");
        }
        if (cimProtocolVersion != null && !cimProtocolVersion.trim().toLowerCase(Locale.ROOT).startsWith("1.")) {
            throw new CimXmlProtocolException(CimError.UNSUPPORTED_PROTOCOL_VERSION,
                    "CIMProtocolVersion " + cimProtocolVersion + " is not supported (need 1.x)");
        }
    }

    /** Checks {@code CIMMethod} and {@code CIMObject} against the message read from the body. */
    public void checkAgainst(CimXmlMessage message) {
        message.checkHeaders(cimMethod, cimObject);
    }
}
