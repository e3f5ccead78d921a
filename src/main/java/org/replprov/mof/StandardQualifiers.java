package org.replprov.mof;

import static org.replprov.cim.CimFlavor.DISABLEOVERRIDE;
import static org.replprov.cim.CimFlavor.RESTRICTED;
import static org.replprov.cim.CimFlavor.TRANSLATABLE;
import static org.replprov.cim.CimScope.ANY;
import static org.replprov.cim.CimScope.ASSOCIATION;
import static org.replprov.cim.CimScope.CLASS;
import static org.replprov.cim.CimScope.INDICATION;
import static org.replprov.cim.CimScope.METHOD;
import static org.replprov.cim.CimScope.PARAMETER;
import static org.replprov.cim.CimScope.PROPERTY;
import static org.replprov.cim.CimScope.REFERENCE;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.replprov.cim.CimDataType;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimName;
import org.replprov.cim.CimQualifierType;
import org.replprov.cim.CimScope;
import org.replprov.cim.CimValue;

/**
 * The qualifier types every namespace starts with, so that schema files need not declare them: the DSP0004 meta,
 * standard and optional qualifiers (§5.6.2–§5.6.4) and the WMI qualifiers that WMI schema files use without
 * declaring ({@code Dynamic}, {@code Provider}, {@code Implemented}, {@code ID}, {@code Singleton}, …).
 *
 * <p>Each type carries its effective default flavors: DSP0004's {@code EnableOverride, ToSubclass} with the
 * declaration's own flavors applied ({@code Key} is {@code DisableOverride, ToSubclass}; {@code Abstract} is
 * {@code EnableOverride, Restricted}; {@code Description} adds {@code Translatable}).
 */
public final class StandardQualifiers {

    private static final Set<CimScope> CLASSES = EnumSet.of(CLASS, ASSOCIATION, INDICATION);
    private static final Set<CimScope> TYPED = EnumSet.of(PROPERTY, METHOD, PARAMETER);
    private static final Set<CimScope> FEATURES = EnumSet.of(PROPERTY, REFERENCE, METHOD, PARAMETER);

    private static final Map<CimName, CimQualifierType> TYPES = index(List.of(
            // DSP0004 meta qualifiers: they make a class an association or an indication.
            flag("Association", false, EnumSet.of(ASSOCIATION), DISABLEOVERRIDE),
            flag("Indication", false, EnumSet.of(CLASS, INDICATION), DISABLEOVERRIDE),

            // DSP0004 standard qualifiers.
            flag("Abstract", false, CLASSES, RESTRICTED),
            flag("Aggregate", false, EnumSet.of(REFERENCE), DISABLEOVERRIDE),
            flag("Aggregation", false, EnumSet.of(ASSOCIATION), DISABLEOVERRIDE),
            declare("ArrayType", CimDataType.STRING, CimValue.string("Bag"), EnumSet.of(PROPERTY, PARAMETER),
                    DISABLEOVERRIDE),
            strings("BitMap", TYPED),
            strings("BitValues", TYPED, TRANSLATABLE),
            strings("ClassConstraint", CLASSES),
            flag("Composition", false, EnumSet.of(ASSOCIATION), DISABLEOVERRIDE),
            strings("Correlatable", EnumSet.of(PROPERTY)),
            flag("Counter", false, TYPED),
            strings("Deprecated", EnumSet.of(ANY), RESTRICTED),
            string("Description", EnumSet.of(ANY), TRANSLATABLE),
            string("DisplayName", EnumSet.of(ANY), TRANSLATABLE),
            flag("DN", false, TYPED, DISABLEOVERRIDE),
            string("EmbeddedInstance", TYPED),
            flag("EmbeddedObject", false, TYPED, DISABLEOVERRIDE),
            flag("Exception", false, EnumSet.of(CLASS, INDICATION), DISABLEOVERRIDE),
            flag("Experimental", false, EnumSet.of(ANY), RESTRICTED),
            flag("Gauge", false, TYPED),
            flag("In", true, EnumSet.of(PARAMETER), DISABLEOVERRIDE),
            flag("IsPUnit", false, TYPED),
            flag("Key", false, EnumSet.of(PROPERTY, REFERENCE), DISABLEOVERRIDE),
            strings("MappingStrings", EnumSet.of(ANY)),
            declare("Max", CimDataType.UINT32, null, EnumSet.of(REFERENCE)),
            declare("MaxLen", CimDataType.UINT32, null, TYPED),
            declare("MaxValue", CimDataType.SINT64, null, TYPED),
            strings("MethodConstraint", EnumSet.of(METHOD)),
            declare("Min", CimDataType.UINT32, CimValue.uint32(0), EnumSet.of(REFERENCE)),
            declare("MinLen", CimDataType.UINT32, CimValue.uint32(0), TYPED),
            declare("MinValue", CimDataType.SINT64, null, TYPED),
            strings("ModelCorrespondence", EnumSet.of(ANY)),
            string("NullValue", EnumSet.of(PROPERTY), DISABLEOVERRIDE),
            flag("OctetString", false, TYPED, DISABLEOVERRIDE),
            flag("Out", false, EnumSet.of(PARAMETER), DISABLEOVERRIDE),
            string("Override", EnumSet.of(PROPERTY, REFERENCE, METHOD), RESTRICTED),
            string("Propagated", EnumSet.of(PROPERTY), DISABLEOVERRIDE),
            strings("PropertyConstraint", EnumSet.of(PROPERTY, REFERENCE)),
            string("PUnit", TYPED),
            flag("Read", true, EnumSet.of(PROPERTY)),
            flag("Required", false, FEATURES, DISABLEOVERRIDE),
            string("Revision", CLASSES, TRANSLATABLE),
            string("Schema", EnumSet.of(PROPERTY, METHOD), DISABLEOVERRIDE, TRANSLATABLE),
            flag("Static", false, EnumSet.of(PROPERTY, METHOD), DISABLEOVERRIDE),
            flag("Terminal", false, CLASSES),
            string("UMLPackagePath", CLASSES),
            string("Units", TYPED, TRANSLATABLE),
            strings("ValueMap", TYPED),
            strings("Values", TYPED, TRANSLATABLE),
            string("Version", CLASSES, RESTRICTED, TRANSLATABLE),
            flag("Weak", false, EnumSet.of(REFERENCE), DISABLEOVERRIDE),
            flag("Write", false, EnumSet.of(PROPERTY)),

            // DSP0004 optional qualifiers.
            flag("Delete", false, EnumSet.of(ASSOCIATION, REFERENCE)),
            flag("Expensive", false, EnumSet.of(CLASS, ASSOCIATION, PROPERTY, REFERENCE, METHOD)),
            flag("IfDeleted", false, EnumSet.of(ASSOCIATION, REFERENCE)),
            flag("Invisible", false, EnumSet.of(CLASS, ASSOCIATION, PROPERTY, REFERENCE, METHOD)),
            flag("Large", false, EnumSet.of(CLASS, PROPERTY)),
            declare("PropertyUsage", CimDataType.STRING, CimValue.string("CurrentContext"), EnumSet.of(PROPERTY)),
            string("Provider", EnumSet.of(ANY)),
            string("Syntax", FEATURES),
            string("SyntaxType", FEATURES),
            string("TriggerType", EnumSet.of(CLASS, ASSOCIATION, INDICATION, PROPERTY, REFERENCE, METHOD)),
            strings("UnknownValues", EnumSet.of(PROPERTY), DISABLEOVERRIDE),
            strings("UnsupportedValues", EnumSet.of(PROPERTY), DISABLEOVERRIDE),

            // WMI standard qualifiers that WMI schema files use without declaring them.
            flag("AMENDMENT", false, CLASSES),
            string("ClassVersion", CLASSES),
            flag("Dynamic", false, EnumSet.of(CLASS, PROPERTY)),
            declare("ID", CimDataType.SINT32, null, EnumSet.of(PARAMETER)),
            flag("Implemented", false, EnumSet.of(METHOD)),
            declare("Locale", CimDataType.SINT32, null, CLASSES),
            flag("Optional", false, EnumSet.of(PARAMETER)),
            strings("Privileges", EnumSet.of(CLASS, METHOD)),
            flag("Singleton", false, EnumSet.of(CLASS)),
            string("SubType", TYPED),
            string("UUID", CLASSES)));

    private StandardQualifiers() {
    }

    /** The built-in qualifier types by name: DSP0004 meta, standard and optional qualifiers, then WMI ones. */
    public static Map<CimName, CimQualifierType> types() {
        return TYPES;
    }

    public static Optional<CimQualifierType> get(CimName name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    /** True when {@code type} is exactly the built-in declaration of its name (a compatible redeclaration is not). */
    public static boolean isStandard(CimQualifierType type) {
        return type.equals(TYPES.get(type.name()));
    }

    private static Map<CimName, CimQualifierType> index(List<CimQualifierType> types) {
        Map<CimName, CimQualifierType> map = new LinkedHashMap<>();
        types.forEach(t -> map.put(t.name(), t));
        return Collections.unmodifiableMap(map);
    }

    private static CimQualifierType flag(String name, boolean defaultValue, Set<CimScope> scopes,
                                         CimFlavor... flavors) {
        return declare(name, CimDataType.BOOLEAN, CimValue.bool(defaultValue), scopes, flavors);
    }

    private static CimQualifierType string(String name, Set<CimScope> scopes, CimFlavor... flavors) {
        return declare(name, CimDataType.STRING, null, scopes, flavors);
    }

    private static CimQualifierType strings(String name, Set<CimScope> scopes, CimFlavor... flavors) {
        return declare(name, CimDataType.STRING_ARRAY, null, scopes, flavors);
    }

    private static CimQualifierType declare(String name, CimDataType type, CimValue defaultValue,
                                            Set<CimScope> scopes, CimFlavor... flavors) {
        return new CimQualifierType(CimName.of(name), type, defaultValue, scopes,
                CimFlavor.merge(CimFlavor.defaults(), Set.of(flavors)));
    }
}
