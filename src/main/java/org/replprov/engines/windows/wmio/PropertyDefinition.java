package org.replprov.engines.windows.wmio;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One property of a ClassPart: its PropertyLookup name and PropertyInfo (MS-WMIO §2.2.30), its NdTable bits
 * (§2.2.27) and its default value from the ValueTable.
 *
 * @param name              the property name
 * @param type              PropertyType without the Inherited bit
 * @param declarationOrder  DeclarationOrder: its position in the class declaration, and its index in the NdTable
 * @param valueTableOffset  ValueTableOffset: where its value sits in the ValueTable of the class and of instances
 * @param classOfOrigin     ClassOfOrigin: the class that declares it, counted from the top-most class of the
 *                          DerivationList (0), so that a property of the class itself has the DerivationList's size
 * @param inherited         the Inherited bit (0x4000) of PropertyType: declared by a superclass
 * @param qualifiers        PropertyQualifierSet, including the CIMTYPE qualifier
 * @param defaultNull       NdTable bit 0: the default value is NULL
 * @param defaultInherited  NdTable bit 1: the default value is inherited from a superclass
 * @param defaultValue      the default value, {@code null} when there is none
 */
public record PropertyDefinition(String name, WireType type, int declarationOrder, int valueTableOffset,
                                 int classOfOrigin, boolean inherited, List<Qualifier> qualifiers,
                                 boolean defaultNull, boolean defaultInherited, WmioValue defaultValue) {

    public PropertyDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        qualifiers = List.copyOf(qualifiers);
        if (defaultValue != null && !defaultValue.fits(type)) {
            throw new IllegalArgumentException("property " + name + " of type " + type + " cannot default to "
                    + defaultValue);
        }
    }

    public Optional<Qualifier> qualifier(String qualifierName) {
        return Qualifier.find(qualifiers, qualifierName);
    }

    /** The text of the CIMTYPE qualifier ({@code uint32}, {@code datetime}, {@code ref:Class}), if present. */
    public Optional<String> cimTypeText() {
        return qualifier(Qualifier.CIMTYPE).map(Qualifier::value)
                .filter(WmioValue.Data.class::isInstance).map(v -> ((WmioValue.Data) v).value().text());
    }
}
