package org.replprov.engines.windows.wsman;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a WS-Management response into a tree of {@link Element}s, namespace-aware, refusing what a SOAP 1.2 message
 * never carries (SOAP 1.2 Part 1 §5: "The XML infoset of a SOAP message MUST NOT contain a document type declaration
 * information item"). The body comes from a remote server, so the reader refuses any DTD (so no entity can be
 * declared: this closes XXE and entity expansion), never resolves an external resource, and bounds the element count
 * and depth. Errors name the line and column.
 */
final class WsmanXml {

    /** Nesting no WS-Man response approaches; a deeper document is refused rather than walked. */
    static final int MAX_DEPTH = 64;

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(WsmanXml::newFactory);

    private WsmanXml() {
    }

    /**
     * One element: its namespace URI ("" for none), local name, attributes by local name (a namespaced attribute also
     * as {@code {uri}name}), children, the text directly inside it, and where it starts.
     */
    record Element(String namespace, String name, Map<String, String> attributes, List<Element> children, String text,
                   int line, int column) {

        Element {
            attributes = Map.copyOf(attributes);
            children = List.copyOf(children);
        }

        boolean is(String ns, String localName) {
            return namespace.equals(ns) && name.equals(localName);
        }

        Optional<Element> child(String ns, String localName) {
            return children.stream().filter(c -> c.is(ns, localName)).findFirst();
        }

        List<Element> children(String ns, String localName) {
            return children.stream().filter(c -> c.is(ns, localName)).toList();
        }

        /** The first element named {@code localName} in {@code ns} at any depth below this one, depth first. */
        Optional<Element> find(String ns, String localName) {
            for (Element c : children) {
                if (c.is(ns, localName)) {
                    return Optional.of(c);
                }
                Optional<Element> below = c.find(ns, localName);
                if (below.isPresent()) {
                    return below;
                }
            }
            return Optional.empty();
        }

        Optional<String> attribute(String localName) {
            return Optional.ofNullable(attributes.get(localName));
        }

        /** {@code line:column}, for error messages. */
        String where() {
            return line + ":" + column;
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resources are not read: " + systemId);
        });
        return f;
    }

    /**
     * Parses {@code body} (already bounded in size by the caller).
     *
     * @param maxElements the most elements accepted
     * @throws WsmanException MALFORMED, naming line and column
     */
    static Element parse(byte[] body, int maxElements) throws WsmanException {
        XMLStreamReader r = null;
        try {
            r = FACTORY.get().createXMLStreamReader(new ByteArrayInputStream(body));
            return read(r, maxElements);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String where = at == null ? "" : " at " + at.getLineNumber() + ":" + at.getColumnNumber();
            throw WsmanException.malformed("the response is not well-formed XML" + where + ": "
                    + firstLine(e.getMessage()));
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

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        int nl = m.lastIndexOf('\n');
        return nl < 0 ? m : m.substring(nl + 1).strip();
    }

    private static Element read(XMLStreamReader r, int maxElements) throws XMLStreamException, WsmanException {
        Deque<Builder> open = new ArrayDeque<>();
        Element root = null;
        int elements = 0;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw WsmanException.malformed(at(r)
                        + ": a document type declaration is not accepted in a SOAP message");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw WsmanException.malformed(at(r)
                        + ": entity reference &" + r.getLocalName() + "; is not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > maxElements) {
                        throw WsmanException.malformed(at(r) + ": more than " + maxElements + " elements");
                    }
                    if (open.size() >= MAX_DEPTH) {
                        throw WsmanException.malformed(at(r) + ": elements nested deeper than " + MAX_DEPTH);
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        String ns = r.getAttributeNamespace(i);
                        attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        if (ns != null && !ns.isEmpty()) {
                            attributes.put("{" + ns + "}" + r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                    }
                    String ns = r.getNamespaceURI();
                    open.push(new Builder(ns == null ? "" : ns, r.getLocalName(), attributes,
                            r.getLocation().getLineNumber(), r.getLocation().getColumnNumber()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(r.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Element done = open.pop().build();
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
            throw WsmanException.malformed("the response has no root element");
        }
        return root;
    }

    private static String at(XMLStreamReader r) {
        return r.getLocation().getLineNumber() + ":" + r.getLocation().getColumnNumber();
    }

    private static final class Builder {
        final String namespace;
        final String name;
        final Map<String, String> attributes;
        final int line;
        final int column;
        final List<Element> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(String namespace, String name, Map<String, String> attributes, int line, int column) {
            this.namespace = namespace;
            this.name = name;
            this.attributes = attributes;
            this.line = line;
            this.column = column;
        }

        Element build() {
            return new Element(namespace, name, attributes, children, text.toString(), line, column);
        }
    }
}
