package org.replprov.engines.windows.wsman;

import org.replprov.xml.BoundedXmlReader;
import org.replprov.xml.XmlElement;
import org.replprov.xml.XmlRefused;

/**
 * Reads a WS-Management response into an {@link XmlElement} tree, namespace-aware, with the project's one bounded,
 * hardened XML reader ({@link BoundedXmlReader}): a SOAP 1.2 message never carries a document type declaration (SOAP
 * 1.2 Part 1 §5), so none is accepted, no external resource is resolved, and the element count and depth are bounded.
 * Errors name the line and column.
 */
final class WsmanXml {

    /** Nesting no WS-Man response approaches; a deeper document is refused rather than walked. */
    static final int MAX_DEPTH = 64;

    private WsmanXml() {
    }

    /**
     * Parses {@code body} (already bounded in size by the caller).
     *
     * @param maxElements the most elements accepted
     * @throws WsmanException MALFORMED, naming line and column
     */
    static XmlElement parse(byte[] body, int maxElements) throws WsmanException {
        try {
            return new BoundedXmlReader(new BoundedXmlReader.Limits(Integer.MAX_VALUE, MAX_DEPTH, maxElements), true)
                    .read(body);
        } catch (XmlRefused e) {
            throw WsmanException.malformed(e.kind() == XmlRefused.Kind.NOT_WELL_FORMED
                    ? "the response is not well-formed XML at " + e.getMessage()
                    : e.getMessage());
        }
    }
}
