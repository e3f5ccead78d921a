package org.replprov.protocol.cimxml;

import org.replprov.xml.XmlElement;
import java.util.List;
import java.util.stream.Collectors;
import org.replprov.protocol.cimxml.CimXmlProtocolException.CimError;

/**
 * Reads a CIM-XML request body (DSP0201) into a {@link CimXmlMessage}, checking the envelope:
 * <pre>
 * CIM (CIMVERSION 2.x, DTDVERSION 2.x)
 *  └ MESSAGE (ID, PROTOCOLVERSION 1.x)
 *     └ SIMPLEREQ
 *        └ IMETHODCALL NAME (LOCALNAMESPACEPATH, IPARAMVALUE*)
 *          | METHODCALL NAME ((LOCALINSTANCEPATH | LOCALCLASSPATH), PARAMVALUE*)
 * </pre>
 * Envelope problems are {@link CimXmlProtocolException}s (HTTP 400 or 501 with a {@code CIMError} header);
 * parameter problems surface later, from {@link CimXmlMessage#operation()}, as CIM errors.
 */
public final class CimXmlReader {

    /**
     * Bounds on a request document.
     *
     * @param maxBytes    the longest body read
     * @param maxDepth    the deepest element nesting (a GetInstance request is 8 deep; references add a few)
     * @param maxElements the most elements in one document
     */
    public record Limits(int maxBytes, int maxDepth, int maxElements) {
        public static final Limits DEFAULT = new Limits(1 << 20, 32, 50_000);

        public Limits {
            if (maxBytes < 1 || maxDepth < 8 || maxElements < 8) {
                throw new IllegalArgumentException("limits too small to read any request: " + maxBytes + "/"
                        + maxDepth + "/" + maxElements);
            }
        }
    }

    private final SafeXmlParser parser;

    public CimXmlReader(Limits limits) {
        this.parser = new SafeXmlParser(limits);
    }

    /**
     * Parses and checks a request body.
     *
     * @throws CimXmlProtocolException for a body that is not a CIM-XML request this server can answer
     */
    public CimXmlMessage read(byte[] body) {
        XmlElement cim = parser.parse(body);
        expectName(cim, "CIM");
        requireVersion(cim, "CIMVERSION", "2.", CimError.UNSUPPORTED_CIM_VERSION);
        requireVersion(cim, "DTDVERSION", "2.", CimError.UNSUPPORTED_DTD_VERSION);
        XmlElement message = onlyChild(cim, "MESSAGE");
        String id = requireAttribute(message, "ID");
        requireVersion(message, "PROTOCOLVERSION", "1.", CimError.UNSUPPORTED_PROTOCOL_VERSION);
        if (message.child("MULTIREQ").isPresent()) {
            throw new CimXmlProtocolException(CimError.MULTIPLE_REQUESTS_UNSUPPORTED,
                    "multiple requests (MULTIREQ) are not supported");
        }
        XmlElement simpleReq = onlyChild(message, "SIMPLEREQ");
        // DSP0201 2.4 allows CORRELATOR elements before the call; they carry nothing replprov uses.
        List<XmlElement> calls = simpleReq.children().stream()
                .filter(c -> !c.name().equals("CORRELATOR")).toList();
        if (calls.size() != 1) {
            throw CimXmlProtocolException.notValid("SIMPLEREQ must hold exactly one IMETHODCALL or METHODCALL");
        }
        XmlElement call = calls.get(0);
        return switch (call.name()) {
            case "IMETHODCALL" -> new CimXmlMessage(id, requireAttribute(call, "NAME"), true,
                    namespace(onlyChild(call, "LOCALNAMESPACEPATH")), call, parser);
            case "METHODCALL" -> new CimXmlMessage(id, requireAttribute(call, "NAME"), false,
                    namespace(targetNamespacePath(call)), call, parser);
            default -> throw CimXmlProtocolException.notValid(
                    "SIMPLEREQ holds " + call.name() + ", not IMETHODCALL or METHODCALL");
        };
    }

    private static XmlElement targetNamespacePath(XmlElement methodCall) {
        for (XmlElement c : methodCall.children()) {
            if (c.name().equals("LOCALINSTANCEPATH") || c.name().equals("LOCALCLASSPATH")) {
                return onlyChild(c, "LOCALNAMESPACEPATH");
            }
        }
        throw CimXmlProtocolException.notValid("METHODCALL needs a LOCALINSTANCEPATH or LOCALCLASSPATH");
    }

    /** {@code LOCALNAMESPACEPATH (NAMESPACE+)} as {@code root/MicrosoftDfs}. */
    static String namespace(XmlElement localNamespacePath) {
        List<XmlElement> segments = localNamespacePath.children("NAMESPACE");
        if (segments.isEmpty()) {
            throw CimXmlProtocolException.notValid("LOCALNAMESPACEPATH at line " + localNamespacePath.line()
                    + " has no NAMESPACE");
        }
        return segments.stream().map(s -> requireAttribute(s, "NAME")).collect(Collectors.joining("/"));
    }

    static void expectName(XmlElement e, String name) {
        if (!e.name().equals(name)) {
            throw CimXmlProtocolException.notValid("expected " + name + " but found " + e);
        }
    }

    static XmlElement onlyChild(XmlElement parent, String name) {
        List<XmlElement> found = parent.children(name);
        if (found.size() != 1) {
            throw CimXmlProtocolException.notValid(parent + " must hold exactly one " + name);
        }
        return found.get(0);
    }

    static String requireAttribute(XmlElement e, String attribute) {
        return e.attribute(attribute).orElseThrow(() -> CimXmlProtocolException.notValid(
                e + " lacks the " + attribute + " attribute"));
    }

    private static void requireVersion(XmlElement e, String attribute, String prefix, CimError error) {
        String version = requireAttribute(e, attribute);
        if (!version.startsWith(prefix)) {
            throw new CimXmlProtocolException(error, attribute + " " + version + " is not supported (need "
                    + prefix + "x)");
        }
    }
}
