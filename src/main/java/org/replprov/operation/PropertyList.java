package org.replprov.operation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.replprov.cim.CimName;

/**
 * The DSP0200 {@code PropertyList} parameter: which properties a returned instance or class may carry. {@link #ALL}
 * stands for the NULL list (every property); an empty list means no properties at all (DSP0200: "each
 * returned instance MUST NOT include elements for any properties missing from this list").
 *
 * <p>Names the class does not have are ignored, as DSP0200 requires.
 */
public final class PropertyList {

    /** The NULL property list: no restriction. */
    public static final PropertyList ALL = new PropertyList(null);

    private final Set<CimName> names;

    private PropertyList(Set<CimName> names) {
        this.names = names;
    }

    /** A list naming exactly {@code names}. */
    public static PropertyList of(List<CimName> names) {
        return new PropertyList(Set.copyOf(new LinkedHashSet<>(names)));
    }

    /** True when {@code property} may be returned. */
    public boolean includes(CimName property) {
        return names == null || names.contains(property);
    }

    /** The names, or null for {@link #ALL}: the form {@link org.replprov.provider.ObjectManager} takes. */
    public Set<CimName> namesOrNull() {
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyList p && Objects.equals(names, p.names);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(names);
    }

    @Override
    public String toString() {
        return names == null ? "ALL" : names.toString();
    }
}
