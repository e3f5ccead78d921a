package org.replprov.protocol.cimxml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a parsed request: name, attributes, child elements and the concatenated character data directly
 * inside it. Requests are small and bounded, so they are read whole into this tree before being interpreted.
 */
record XmlElement(String name, Map<String, String> attributes, List<XmlElement> children, String text, int line) {

    XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    Optional<String> attribute(String attributeName) {
        return Optional.ofNullable(attributes.get(attributeName));
    }

    /** The children named {@code childName}. */
    List<XmlElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    @Override
    public String toString() {
        return "<" + name + "> at line " + line;
    }
}
