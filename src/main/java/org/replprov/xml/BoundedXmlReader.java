package org.replprov.xml;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a document from an untrusted peer into an {@link XmlElement} tree. It refuses any document type declaration:
 * no DTD is read, so no entity, internal or external, can be declared (XXE and entity expansion are closed; neither
 * CIM-XML requests nor SOAP messages carry one: SOAP 1.2 Part 1 §5). It never resolves an external resource, and it is
 * bounded in bytes, elements and depth, so neither memory nor time grows beyond a fixed multiple of the allowed size.
 * Every refusal starts with the line and column ("line 2, column 175: ").
 */
public final class BoundedXmlReader {

    /**
     * The bounds of one document.
     *
     * @param maxBytes the longest document
     * @param maxDepth the deepest nesting of elements
     * @param maxElements the most elements
     */
    public record Limits(int maxBytes, int maxDepth, int maxElements) {
    }

    /** StAX factories need not be thread-safe; one per thread keeps configuration out of the request path. */
    private static final ThreadLocal<XMLInputFactory> PLAIN = ThreadLocal.withInitial(() -> newFactory(false));
    private static final ThreadLocal<XMLInputFactory> NAMESPACED = ThreadLocal.withInitial(() -> newFactory(true));

    private final Limits limits;
    private final boolean namespaceAware;

    /** @param namespaceAware whether element and attribute names are read with their namespaces */
    public BoundedXmlReader(Limits limits, boolean namespaceAware) {
        this.limits = limits;
        this.namespaceAware = namespaceAware;
    }

    private static XMLInputFactory newFactory(boolean namespaceAware) {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Without a DTD only the five predefined entities exist; any other reference is a well-formedness error.
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, namespaceAware);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resources are not read: " + systemId);
        });
        return f;
    }

    /**
     * Reads {@code body}.
     *
     * @throws XmlRefused NOT_WELL_FORMED for bad XML, REFUSED for a DOCTYPE, an entity reference, or a document beyond
     *     the limits
     */
    public XmlElement read(byte[] body) throws XmlRefused {
        if (body.length > limits.maxBytes()) {
            throw new XmlRefused(XmlRefused.Kind.REFUSED, "the document is larger than " + limits.maxBytes()
                    + " bytes");
        }
        XMLStreamReader r = null;
        try {
            r = (namespaceAware ? NAMESPACED : PLAIN).get().createXMLStreamReader(new ByteArrayInputStream(body));
            return readDocument(r);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String where = at == null ? "" : position(at.getLineNumber(), at.getColumnNumber()) + ": ";
            throw new XmlRefused(XmlRefused.Kind.NOT_WELL_FORMED, where + reason(e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing is held open: the input is a byte array
                }
            }
        }
    }

    /**
     * The reason of a JDK StAX message, which reads "ParseError at [row,col]:[2,1]" and then "Message: reason": the
     * position is given apart, in the same form as every other refusal.
     */
    private static String reason(String message) {
        if (message == null) {
            return "not well-formed";
        }
        String m = message.strip();
        int nl = m.lastIndexOf('\n');
        String last = nl < 0 ? m : m.substring(nl + 1).strip();
        return last.startsWith("Message: ") ? last.substring("Message: ".length()) : last;
    }

    private static String position(int line, int column) {
        return "line " + line + ", column " + column;
    }

    private XmlElement readDocument(XMLStreamReader r) throws XMLStreamException, XmlRefused {
        Deque<Builder> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw refused(r, "document type declarations are not accepted");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw refused(r, "entity reference &" + r.getLocalName()
                        + "; is not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > limits.maxElements()) {
                        throw refused(r, "more than " + limits.maxElements() + " elements");
                    }
                    if (open.size() >= limits.maxDepth()) {
                        throw refused(r, "elements nested deeper than " + limits.maxDepth());
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        String ns = namespaceAware ? r.getAttributeNamespace(i) : null;
                        if (ns != null && !ns.isEmpty()) {
                            attributes.put("{" + ns + "}" + r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                    }
                    String ns = namespaceAware ? r.getNamespaceURI() : null;
                    open.push(new Builder(ns == null ? "" : ns, r.getLocalName(), attributes,
                            r.getLocation().getLineNumber(), r.getLocation().getColumnNumber()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(r.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = open.pop().build();
                    if (open.isEmpty()) {
                        root = done;
                    } else {
                        open.peek().children.add(done);
                    }
                }
                default -> {
                    // comments, processing instructions and the XML declaration carry nothing
                }
            }
        }
        if (root == null) {
            throw new XmlRefused(XmlRefused.Kind.NOT_WELL_FORMED, "no root element");
        }
        return root;
    }

    private static XmlRefused refused(XMLStreamReader r, String why) {
        return new XmlRefused(XmlRefused.Kind.REFUSED, position(r.getLocation().getLineNumber(),
                r.getLocation().getColumnNumber()) + ": " + why);
    }

    private static final class Builder {
        final String namespace;
        final String name;
        final Map<String, String> attributes;
        final int line;
        final int column;
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(String namespace, String name, Map<String, String> attributes, int line, int column) {
            this.namespace = namespace;
            this.name = name;
            this.attributes = attributes;
            this.line = line;
            this.column = column;
        }

        XmlElement build() {
            return new XmlElement(namespace, name, attributes, children, text.toString(), line, column);
        }
    }
}
