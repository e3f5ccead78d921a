package org.replprov.xml;

/** A document {@link BoundedXmlReader} does not accept, and where. */
public final class XmlRefused extends Exception {

    /** Why. */
    public enum Kind {
        /** Not well-formed XML. */
        NOT_WELL_FORMED,
        /** Well-formed, but outside what is accepted: a DTD, an entity reference, beyond a limit. */
        REFUSED
    }

    private final Kind kind;

    XmlRefused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
