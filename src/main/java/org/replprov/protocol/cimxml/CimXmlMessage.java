package org.replprov.protocol.cimxml;

import org.replprov.xml.XmlElement;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.replprov.cim.CimObjectPath;
import org.replprov.operation.Operation;
import org.replprov.repository.ClassRepository;

/**
 * A CIM-XML request whose envelope has been checked (DSP0201 {@code CIM}, {@code MESSAGE}, {@code SIMPLEREQ}): the
 * message id to echo, the name of the method called, whether it is intrinsic, and the target namespace.
 *
 * <p>The operation's parameters are read separately, by {@link #operation()}, because problems in them are CIM errors
 * answered inside a response that echoes this envelope, while problems in the envelope are HTTP errors.
 */
public final class CimXmlMessage {

    private final String messageId;
    private final String methodName;
    private final boolean intrinsic;
    private final String namespace;
    private final XmlElement call;
    private final SafeXmlParser parser;

    CimXmlMessage(String messageId, String methodName, boolean intrinsic, String namespace, XmlElement call,
                  SafeXmlParser parser) {
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.methodName = Objects.requireNonNull(methodName, "methodName");
        this.intrinsic = intrinsic;
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.call = call;
        this.parser = parser;
    }

    /** {@code MESSAGE ID}, echoed in the response. */
    public String messageId() {
        return messageId;
    }

    /** The operation or method name as sent ({@code IMETHODCALL NAME} or {@code METHODCALL NAME}). */
    public String methodName() {
        return methodName;
    }

    /** True for an intrinsic operation ({@code IMETHODCALL}), false for an extrinsic method call. */
    public boolean intrinsic() {
        return intrinsic;
    }

    /** The namespace of {@code LOCALNAMESPACEPATH}, segments joined by {@code /}. */
    public String namespace() {
        return namespace;
    }

    /**
     * Reads the operation and its parameters. The classes of {@code schema} in the message's namespace type the
     * embedded instances a method's in parameters carry (DSP0201 {@code EmbeddedObject}), and tell which parameters
     * the method declares EmbeddedInstance.
     *
     * @throws org.replprov.cim.CimException WBEM_E_INVALID_PARAMETER (CIM_ERR_INVALID_PARAMETER) for a missing
     *     required parameter or a value of the wrong form, WBEM_E_TYPE_MISMATCH for a typed value that does not parse
     */
    public Operation operation(ClassRepository schema) {
        return new OperationReader(this, call, parser, schema).read();
    }

    /**
     * Checks the {@code CIMMethod} and {@code CIMObject} headers against the body (DSP0200: both are required and
     * must agree with it).
     *
     * <p>Clients encode {@code CIMObject} three ways (wbemcli {@code root%2FMicrosoftDfs%3AClass.Key="v"}, SBLIM
     * {@code root/MicrosoftDfs%3AClass.Key%3D%22v%22}, pywbem unencoded), so it is percent-decoded and only its
     * namespace part, before the first {@code :}, is compared, ignoring case.
     *
     * @throws CimXmlProtocolException HEADER_MISMATCH
     */
    public void checkHeaders(String cimMethod, String cimObject) {
        if (cimMethod == null || !cimMethod.trim().equalsIgnoreCase(methodName)) {
            throw new CimXmlProtocolException(CimXmlProtocolException.CimError.HEADER_MISMATCH,
                    "CIMMethod header " + quote(cimMethod) + " does not name the body's method " + methodName);
        }
        if (cimObject == null) {
            throw new CimXmlProtocolException(CimXmlProtocolException.CimError.HEADER_MISMATCH,
                    "CIMObject header is missing");
        }
        String decoded = percentDecode(cimObject.trim());
        int colon = decoded.indexOf(':');
        String headerNamespace = CimObjectPath.normalizeNamespace(colon < 0 ? decoded : decoded.substring(0, colon));
        if (!headerNamespace.toLowerCase(Locale.ROOT).equals(namespace.toLowerCase(Locale.ROOT))) {
            throw new CimXmlProtocolException(CimXmlProtocolException.CimError.HEADER_MISMATCH,
                    "CIMObject header " + quote(cimObject) + " does not name the body's namespace " + namespace);
        }
    }

    private static String quote(String s) {
        return s == null ? "(missing)" : "'" + s + "'";
    }

    /** Percent-decodes without treating {@code +} as a space; text with a broken escape is taken as it is. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    @Override
    public String toString() {
        return (intrinsic ? "" : "extrinsic ") + methodName + " in " + namespace + " (message " + messageId + ")";
    }
}
