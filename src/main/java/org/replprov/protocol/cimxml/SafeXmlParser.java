package org.replprov.protocol.cimxml;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a request body into an {@link XmlElement} tree, refusing anything a CIM-XML request does not need.
 *
 * <p>The body comes from an untrusted network peer, so the parser:
 * <ul>
 *   <li>refuses any document type declaration: no DTD is read, so no entity, internal or external, can be
 *       declared (this closes XXE and entity-expansion attacks; DSP0201 requests never carry a DOCTYPE);</li>
 *   <li>never resolves external resources ({@code IS_SUPPORTING_EXTERNAL_ENTITIES} off, a resolver that refuses);</li>
 *   <li>is bounded: the body length, the element nesting depth and the number of elements are limited, so that
 *       neither memory nor time grows beyond a fixed multiple of the allowed body size.</li>
 * </ul>
 */
final class SafeXmlParser {

    /** StAX factories need not be thread-safe; one per thread keeps configuration out of the request path. */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(SafeXmlParser::newFactory);

    private final CimXmlReader.Limits limits;

    SafeXmlParser(CimXmlReader.Limits limits) {
        this.limits = limits;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Without a DTD only the five predefined entities exist; any other reference is a well-formedness error.
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resources are not read: " + systemId);
        });
        return f;
    }

    /**
     * Parses {@code body}.
     *
     * @throws CimXmlProtocolException REQUEST_NOT_WELL_FORMED for bad XML, REQUEST_NOT_VALID for a DOCTYPE, an entity
     *     reference, or a document beyond the limits
     */
    XmlElement parse(byte[] body) {
        if (body.length > limits.maxBytes()) {
            throw CimXmlProtocolException.notValid("the request is larger than " + limits.maxBytes() + " bytes");
        }
        XMLStreamReader r = null;
        try {
            r = FACTORY.get().createXMLStreamReader(new ByteArrayInputStream(body));
            return readDocument(r);
        } catch (XMLStreamException e) {
            throw CimXmlProtocolException.notWellFormed(e.getMessage());
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

    private XmlElement readDocument(XMLStreamReader r) throws XMLStreamException {
        Deque<Builder> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw CimXmlProtocolException.notValid(
                        "document type declarations are not accepted");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw CimXmlProtocolException.notValid(
                        "entity reference &" + r.getLocalName() + "; is not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > limits.maxElements()) {
                        throw CimXmlProtocolException.notValid("more than " + limits.maxElements() + " elements");
                    }
                    if (open.size() >= limits.maxDepth()) {
                        throw CimXmlProtocolException.notValid("elements nested deeper than " + limits.maxDepth());
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                    }
                    open.push(new Builder(r.getLocalName(), attributes, r.getLocation().getLineNumber()));
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
                    // comments, processing instructions and the XML declaration carry nothing for CIM
                }
            }
        }
        if (root == null) {
            throw CimXmlProtocolException.notWellFormed("no root element");
        }
        return root;
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attributes;
        final int line;
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(String name, Map<String, String> attributes, int line) {
            this.name = name;
            this.attributes = attributes;
            this.line = line;
        }

        XmlElement build() {
            return new XmlElement(name, attributes, children, text.toString(), line);
        }
    }
}
