package org.replprov.engines.windows.wmio;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One qualifier (MS-WMIO §2.2.60): name, QualifierFlavor octet (§2.2.62), type and value ({@code null} for a string
 * or array whose HeapRef is 0xFFFFFFFF).
 */
public record Qualifier(String name, int flavor, WireType type, WmioValue value) {

    /** WBEM_FLAVOR_FLAG_PROPAGATE_TO_INSTANCE. */
    public static final int TO_INSTANCE = 0x01;
    /** WBEM_FLAVOR_FLAG_PROPAGATE_TO_DERIVED_CLASS (DSP0004 ToSubclass). */
    public static final int TO_SUBCLASS = 0x02;
    /** WBEM_FLAVOR_NOT_OVERRIDABLE (DSP0004 DisableOverride). */
    public static final int NOT_OVERRIDABLE = 0x10;
    /** WBEM_FLAVOR_ORIGIN_PROPAGATED: inherited from the parent class, not written on this element. */
    public static final int ORIGIN_PROPAGATED = 0x20;
    /** WBEM_FLAVOR_ORIGIN_SYSTEM. */
    public static final int ORIGIN_SYSTEM = 0x40;
    /** WBEM_FLAVOR_AMENDED (localized). */
    public static final int AMENDED = 0x80;

    /** The qualifier every property carries: its type spelled as text ({@code uint32}, {@code ref:Class}). */
    public static final String CIMTYPE = "CIMTYPE";

    public Qualifier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (flavor < 0 || flavor > 0xFF) {
            throw new IllegalArgumentException("QualifierFlavor is one octet: " + flavor);
        }
        if (value != null && !value.fits(type)) {
            throw new IllegalArgumentException("qualifier " + name + " of type " + type + " cannot hold " + value);
        }
    }

    /**
     * Equal qualifiers have the same name ignoring case (CIM names are case-insensitive, and the names of the
     * DictionaryReference come back in the dictionary's spelling: {@code Key} is sent as {@code key}), flavor, type
     * and value.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Qualifier q && name.equalsIgnoreCase(q.name) && flavor == q.flavor
                && type.equals(q.type) && Objects.equals(value, q.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name.toUpperCase(java.util.Locale.ROOT), flavor, type, value);
    }

    /** The qualifier named {@code name} (ignoring case, as CIM names compare) in {@code qualifiers}. */
    public static Optional<Qualifier> find(List<Qualifier> qualifiers, String name) {
        return qualifiers.stream().filter(q -> q.name.equalsIgnoreCase(name)).findFirst();
    }
}
