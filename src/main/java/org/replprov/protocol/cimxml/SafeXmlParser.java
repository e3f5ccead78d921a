package org.replprov.protocol.cimxml;

import org.replprov.xml.BoundedXmlReader;
import org.replprov.xml.XmlElement;
import org.replprov.xml.XmlRefused;

/**
 * Reads a CIM-XML request body (DSP0201, without namespaces) into an {@link XmlElement} tree with the project's one
 * bounded, hardened XML reader ({@link BoundedXmlReader}: no DTD, no external resource, limits on size, depth and
 * element count), and turns a refusal into the DSP0200 status a client sees.
 */
final class SafeXmlParser {

    private final BoundedXmlReader reader;

    SafeXmlParser(CimXmlReader.Limits limits) {
        this.reader = new BoundedXmlReader(new BoundedXmlReader.Limits(limits.maxBytes(), limits.maxDepth(),
                limits.maxElements()), false);
    }

    /**
     * Parses {@code body}.
     *
     * @throws CimXmlProtocolException REQUEST_NOT_WELL_FORMED for bad XML, REQUEST_NOT_VALID for a DOCTYPE, an entity
     *     reference, or a document beyond the limits
     */
    XmlElement parse(byte[] body) {
        try {
            return reader.read(body);
        } catch (XmlRefused e) {
            throw e.kind() == XmlRefused.Kind.NOT_WELL_FORMED ? CimXmlProtocolException.notWellFormed(e.getMessage())
                    : CimXmlProtocolException.notValid(e.getMessage());
        }
    }
}
