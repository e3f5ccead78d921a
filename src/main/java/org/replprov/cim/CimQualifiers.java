package org.replprov.cim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The qualifiers of one element, in declaration order, looked up by name ignoring case. */
public final class CimQualifiers implements Iterable<CimQualifier> {

    public static final CimQualifiers NONE = new CimQualifiers(Map.of());

    private final Map<CimName, CimQualifier> byName;

    private CimQualifiers(Map<CimName, CimQualifier> byName) {
        this.byName = byName;
    }

    /**
     * The set of {@code qualifiers}.
     *
     * @throws CimException WBEM_E_INVALID_QUALIFIER when a name repeats
     */
    public static CimQualifiers of(List<CimQualifier> qualifiers) {
        if (qualifiers.isEmpty()) {
            return NONE;
        }
        Map<CimName, CimQualifier> map = new LinkedHashMap<>();
        for (CimQualifier q : qualifiers) {
            if (map.putIfAbsent(q.name(), q) != null) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_QUALIFIER, "qualifier " + q.name() + " is given twice",
                        q.name());
            }
        }
        return new CimQualifiers(Collections.unmodifiableMap(map));
    }

    public static CimQualifiers of(CimQualifier... qualifiers) {
        return of(List.of(qualifiers));
    }

    public Optional<CimQualifier> get(String name) {
        return get(name(name));
    }

    /**
     * Code looks qualifiers up by a handful of constant names ("Key", "MaxLen", "ValueMap") for every property of
     * every instance it checks; parsing the name each time would cost more than the look-up.
     */
    private static final Map<String, CimName> NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_NAMES = 1024;

    private static CimName name(String name) {
        CimName n = NAMES.get(name);
        if (n == null) {
            n = CimName.of(name);
            if (NAMES.size() < MAX_CACHED_NAMES) {
                NAMES.put(name, n);
            }
        }
        return n;
    }

    public Optional<CimQualifier> get(CimName name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean has(String name) {
        return byName.containsKey(name(name));
    }

    /** True when the boolean qualifier is present and TRUE ({@code [Key]}, {@code [Abstract]}, …). */
    public boolean isTrue(String name) {
        return get(name).map(q -> q.value() instanceof CimValue.Bool b && b.value()).orElse(false);
    }

    /** A string qualifier's value ({@code DisplayName}, {@code Provider}, …). */
    public Optional<String> string(String name) {
        return get(name).map(CimQualifier::value).filter(CimValue.Str.class::isInstance).map(CimValue::text);
    }

    /** An integer qualifier's value ({@code MaxLen}, {@code ID}, …). */
    public Optional<Long> integer(String name) {
        return get(name).map(CimQualifier::value).filter(CimValue.Int.class::isInstance)
                .map(v -> ((CimValue.Int) v).value());
    }

    /** A string-array qualifier's elements ({@code ValueMap}, {@code Values}); empty when absent. */
    public List<String> strings(String name) {
        return get(name).map(CimQualifier::value).map(v -> v instanceof CimValue.Array a
                ? a.elements().stream().map(CimValue::text).toList()
                : v == null ? List.<String>of() : List.of(v.text())).orElse(List.of());
    }

    public List<CimQualifier> asList() {
        return List.copyOf(byName.values());
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public int size() {
        return byName.size();
    }

    @Override
    public Iterator<CimQualifier> iterator() {
        return byName.values().iterator();
    }

    /**
     * The qualifiers an element inherits (DSP0004 §5.6.1.3): those of {@code inherited} that propagate to
     * subclasses, overridden by {@code local} ones of the same name. Overriding a DisableOverride qualifier with a
     * different value is an error.
     *
     * @throws CimException WBEM_E_OVERRIDE_NOT_ALLOWED
     */
    public static CimQualifiers inherit(CimQualifiers inherited, CimQualifiers local, String where) {
        List<CimQualifier> out = new ArrayList<>();
        for (CimQualifier parent : inherited) {
            if (!parent.propagatesToSubclass()) {
                continue;
            }
            Optional<CimQualifier> mine = local.get(parent.name());
            if (mine.isEmpty()) {
                out.add(parent.asPropagated());
            } else if (!parent.overridable() && !java.util.Objects.equals(parent.value(), mine.get().value())) {
                throw new CimException(WbemStatus.WBEM_E_OVERRIDE_NOT_ALLOWED,
                        "qualifier " + parent.name() + " of " + where + " is DisableOverride and cannot change",
                        parent.name());
            }
        }
        for (CimQualifier q : local) {
            out.add(q);
        }
        return of(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimQualifiers other && byName.equals(other.byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }

    @Override
    public String toString() {
        return byName.values().toString();
    }
}
