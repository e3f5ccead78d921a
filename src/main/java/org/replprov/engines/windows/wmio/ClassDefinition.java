package org.replprov.engines.windows.wmio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A ClassPart (MS-WMIO §2.2.15): ClassHeader, DerivationList, ClassQualifierSet, PropertyLookupTable, NdTable,
 * ValueTable and ClassHeap, held both as its meaning and as its encoded octets.
 *
 * <p>The octets are kept because every instance of the class carries a copy of its ClassPart (§2.2.53) and must
 * agree with it on value offsets; an instance is encoded with the very ClassPart the class was decoded from or built
 * as. A ClassDefinition comes from the decoder or from {@link #of}, which lays the class out and encodes it.
 */
public final class ClassDefinition {

    /** The ParentClass of a class without superclass (§2.2.11): no name, no derivation, qualifiers or properties. */
    public static final ClassDefinition NONE = of(null, List.of(), List.of(), List.of());

    /**
     * A property to lay out in {@link #of}: the declaration order is its position in the list; a CIMTYPE qualifier
     * naming its type is added when absent ({@code ref:object} for an untyped reference).
     */
    public record Declared(String name, WireType type, boolean inherited, int classOfOrigin,
                           List<Qualifier> qualifiers, WmioValue defaultValue) {
        public Declared {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            qualifiers = List.copyOf(qualifiers);
        }
    }

    private final String name;
    private final List<String> derivationList;
    private final List<Qualifier> qualifiers;
    private final List<PropertyDefinition> properties;
    private final int valueTableLength;
    /** For each position of the PropertyLookupTable, the index in {@link #properties} (declaration order). */
    private final int[] lookupOrder;
    private final byte[] encoded;

    ClassDefinition(String name, List<String> derivationList, List<Qualifier> qualifiers,
                    List<PropertyDefinition> properties, int valueTableLength, int[] lookupOrder, byte[] encoded) {
        this.name = name;
        this.derivationList = List.copyOf(derivationList);
        this.qualifiers = List.copyOf(qualifiers);
        this.properties = List.copyOf(properties);
        this.valueTableLength = valueTableLength;
        this.lookupOrder = lookupOrder;
        this.encoded = encoded;
    }

    /**
     * Lays out and encodes a class: declaration order and value offsets follow the list, the lookup table is sorted
     * by name, NdTable bits say NULL for no default and inherited for inherited properties.
     *
     * @param name           the class name, {@code null} only for the empty {@link #NONE}
     * @param derivationList superclass names, the immediate superclass first (§2.2.17)
     * @throws IllegalArgumentException for two properties of one name
     */
    public static ClassDefinition of(String name, List<String> derivationList, List<Qualifier> qualifiers,
                                     List<Declared> declared) {
        List<PropertyDefinition> props = new ArrayList<>(declared.size());
        int offset = 0;
        for (int i = 0; i < declared.size(); i++) {
            Declared d = declared.get(i);
            for (int j = 0; j < i; j++) {
                if (declared.get(j).name().equalsIgnoreCase(d.name())) {
                    throw new IllegalArgumentException("property " + d.name() + " is declared twice");
                }
            }
            List<Qualifier> qs = new ArrayList<>(d.qualifiers());
            if (Qualifier.find(qs, Qualifier.CIMTYPE).isEmpty()) {
                qs.add(0, new Qualifier(Qualifier.CIMTYPE, Qualifier.TO_INSTANCE | Qualifier.TO_SUBCLASS,
                        WireType.scalar(WireType.Base.STRING), WmioValue.of(
                                org.replprov.cim.CimValue.string(cimTypeText(d.type())))));
            }
            props.add(new PropertyDefinition(d.name(), d.type(), i, offset, d.classOfOrigin(), d.inherited(), qs,
                    d.defaultValue() == null, d.inherited(), d.defaultValue()));
            offset += d.type().slotSize();
        }
        int[] lookup = IntStream.range(0, props.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> props.get(i).name(), ClassDefinition::compareNames))
                .mapToInt(Integer::intValue).toArray();
        byte[] bytes = WmioEncoder.classPart(name, derivationList, qualifiers, props, offset, lookup);
        return new ClassDefinition(name, derivationList, qualifiers, props, offset, lookup, bytes);
    }

    /**
     * The order of the PropertyLookupTable (§2.2.21), which Windows searches by bisection: names compared ignoring
     * case, as WMI compares property names (inferred; the specification says only "lexical ordering"), then
     * exactly, so that the order is total.
     */
    static int compareNames(String a, String b) {
        int c = a.toUpperCase(Locale.ROOT).compareTo(b.toUpperCase(Locale.ROOT));
        return c != 0 ? c : a.compareTo(b);
    }

    /** The CIMTYPE text of a type: {@code uint32}, {@code datetime}, {@code ref:object}, {@code object}. */
    static String cimTypeText(WireType type) {
        return switch (type.base()) {
            case REFERENCE -> "ref:object";
            case OBJECT -> "object";
            default -> type.base().cimType().orElseThrow().keyword();
        };
    }

    /** The class name; {@code null} only for the ParentClass of a class without superclass. */
    public String name() {
        return name;
    }

    /** Superclass names, the immediate superclass first and the top-most class last. */
    public List<String> derivationList() {
        return derivationList;
    }

    public List<Qualifier> qualifiers() {
        return qualifiers;
    }

    /** The properties in declaration order (by DeclarationOrder), inherited ones included. */
    public List<PropertyDefinition> properties() {
        return properties;
    }

    public Optional<PropertyDefinition> property(String propertyName) {
        return properties.stream().filter(p -> p.name().equalsIgnoreCase(propertyName)).findFirst();
    }

    /** The ValueTable length: NdTableValueTableLength less the NdTable. */
    public int valueTableLength() {
        return valueTableLength;
    }

    /** The octets of the ClassPart, EncodingLength first. */
    public byte[] encoded() {
        return encoded.clone();
    }

    int encodedLength() {
        return encoded.length;
    }

    byte[] encodedUnsafe() {
        return encoded;
    }

    int[] lookupOrder() {
        return lookupOrder;
    }

    /** Octets of the NdTable: two bits per property (§2.2.26). */
    int ndTableLength() {
        return properties.isEmpty() ? 0 : (properties.size() - 1) / 4 + 1;
    }

    /** Equal meaning: name, derivation, qualifiers, properties and layout; the heap's arrangement does not count. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClassDefinition c && Objects.equals(name, c.name)
                && derivationList.equals(c.derivationList) && qualifiers.equals(c.qualifiers)
                && properties.equals(c.properties) && valueTableLength == c.valueTableLength
                && Arrays.equals(lookupOrder, c.lookupOrder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, derivationList, properties);
    }

    @Override
    public String toString() {
        return name == null ? "(no class)" : derivationList.isEmpty() ? name : name + " : " + derivationList.get(0);
    }
}
