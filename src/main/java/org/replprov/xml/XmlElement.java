package org.replprov.xml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a document read whole: its namespace URI ("" when the document was read without namespaces, or the
 * element has none), its local name, its attributes by local name (a namespaced attribute also as {@code {uri}name}),
 * its child elements, the character data directly inside it, and where it starts. Documents are small and bounded, so
 * they are read whole into this tree before being interpreted.
 */
public record XmlElement(String namespace, String name, Map<String, String> attributes, List<XmlElement> children,
                         String text, int line, int column) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    public Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** The children named {@code childName}, in any namespace. */
    public List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The first child named {@code childName}, in any namespace. */
    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    public boolean is(String ns, String localName) {
        return namespace.equals(ns) && name.equals(localName);
    }

    public Optional<XmlElement> child(String ns, String localName) {
        return children.stream().filter(c -> c.is(ns, localName)).findFirst();
    }

    public List<XmlElement> children(String ns, String localName) {
        return children.stream().filter(c -> c.is(ns, localName)).toList();
    }

    /** The first element named {@code localName} in {@code ns} at any depth below this one, depth first. */
    public Optional<XmlElement> find(String ns, String localName) {
        for (XmlElement c : children) {
            if (c.is(ns, localName)) {
                return Optional.of(c);
            }
            Optional<XmlElement> below = c.find(ns, localName);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    /** {@code line:column}, for error messages. */
    public String where() {
        return line + ":" + column;
    }

    @Override
    public String toString() {
        return "<" + name + "> at line " + line;
    }
}
