package org.replprov.cim;

/** Where a qualifier may appear (DSP0004 §5.6.1.1, MOF {@code Scope(...)}). */
public enum CimScope {
    CLASS, ASSOCIATION, INDICATION, PROPERTY, REFERENCE, METHOD, PARAMETER, QUALIFIER, ANY;

    /** The MOF keyword, lower-case as DSP0004 writes it. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
