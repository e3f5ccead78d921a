package org.replprov.cim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A resolved CIM class: its own and inherited properties and methods, effective qualifiers, and its superclass.
 *
 * <p>Built by {@link Builder}, which applies DSP0004 inheritance: inherited members keep their class origin and are
 * marked propagated; a member redeclared with the same name overrides the inherited one in place (WMI schema files
 * redeclare inherited properties without {@code Override}), must keep its type, and merges qualifiers by flavor.
 */
public final class CimClass {

    private final CimName name;
    private final CimClass superClass;
    private final CimQualifiers qualifiers;
    private final List<CimProperty> properties;
    private final List<CimMethod> methods;
    private final Map<CimName, Integer> propertyIndex;
    private final Map<CimName, CimMethod> methodByName;
    private final List<CimProperty> keys;
    /** Computed once: classes are immutable, and they key per-class caches that are read per instance. */
    private final int hash;
    /** What {@link CimInstance#validate()} checks, read from the qualifiers on first use. */
    private volatile InstanceValidator.Rules validationRules;

    private CimClass(CimName name, CimClass superClass, CimQualifiers qualifiers, List<CimProperty> properties,
                     List<CimMethod> methods) {
        this.name = name;
        this.superClass = superClass;
        this.qualifiers = qualifiers;
        this.properties = List.copyOf(properties);
        this.methods = List.copyOf(methods);
        Map<CimName, Integer> index = new HashMap<>();
        for (int i = 0; i < this.properties.size(); i++) {
            index.put(this.properties.get(i).name(), i);
        }
        this.propertyIndex = Map.copyOf(index);
        Map<CimName, CimMethod> byName = new LinkedHashMap<>();
        this.methods.forEach(m -> byName.put(m.name(), m));
        this.methodByName = Map.copyOf(byName);
        this.keys = this.properties.stream().filter(CimProperty::isKey).toList();
        this.hash = Objects.hash(name, this.properties);
    }

    public static Builder builder(String name) {
        return new Builder(CimName.of(name));
    }

    public static Builder builder(CimName name) {
        return new Builder(name);
    }

    public CimName name() {
        return name;
    }

    public Optional<CimClass> superClass() {
        return Optional.ofNullable(superClass);
    }

    public CimQualifiers qualifiers() {
        return qualifiers;
    }

    /** All properties, inherited first, in declaration order. */
    public List<CimProperty> properties() {
        return properties;
    }

    public List<CimMethod> methods() {
        return methods;
    }

    public List<CimProperty> keys() {
        return keys;
    }

    public Optional<CimProperty> property(CimName property) {
        int i = propertyIndex(property);
        return i < 0 ? Optional.empty() : Optional.of(properties.get(i));
    }

    public Optional<CimProperty> property(String property) {
        return CimName.isValid(property) ? property(CimName.of(property)) : Optional.empty();
    }

    /** The position of {@code property} in {@link #properties()}, or -1; instances store values by this index. */
    public int propertyIndex(CimName property) {
        Integer i = propertyIndex.get(property);
        return i == null ? -1 : i;
    }

    public Optional<CimMethod> method(CimName method) {
        return Optional.ofNullable(methodByName.get(method));
    }

    /** True when this class is {@code other} or inherits from it (the ISA relation of WQL). */
    public boolean isA(CimName other) {
        for (CimClass c = this; c != null; c = c.superClass) {
            if (c.name.equals(other)) {
                return true;
            }
        }
        return false;
    }

    public boolean isAbstract() {
        return qualifiers.isTrue("Abstract");
    }

    public boolean isAssociation() {
        return qualifiers.isTrue("Association");
    }

    public boolean isIndication() {
        return qualifiers.isTrue("Indication");
    }

    public boolean isSingleton() {
        return qualifiers.isTrue("Singleton");
    }

    /** The properties and methods this class declares or overrides itself (DSP0200 LocalOnly). */
    public List<CimProperty> localProperties() {
        return properties.stream().filter(p -> !p.propagated()).toList();
    }

    /** The validation rules of this class's properties; computing them twice in a race is harmless. */
    InstanceValidator.Rules validationRules() {
        InstanceValidator.Rules r = validationRules;
        if (r == null) {
            r = InstanceValidator.rulesOf(this);
            validationRules = r;
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimClass c && name.equals(c.name)
                && Objects.equals(superClass == null ? null : superClass.name, c.superClass == null ? null : c.superClass.name)
                && qualifiers.equals(c.qualifiers) && properties.equals(c.properties) && methods.equals(c.methods);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return superClass == null ? name.toString() : name + " : " + superClass.name;
    }

    /** Collects a class's own declarations and resolves them against its superclass. */
    public static final class Builder {
        private final CimName name;
        private CimClass superClass;
        private final List<CimQualifier> qualifiers = new ArrayList<>();
        private final List<CimProperty> properties = new ArrayList<>();
        private final List<CimMethod> methods = new ArrayList<>();

        private Builder(CimName name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder superClass(CimClass superClass) {
            this.superClass = superClass;
            return this;
        }

        public Builder qualifier(CimQualifier q) {
            qualifiers.add(q);
            return this;
        }

        public Builder qualifiers(Iterable<CimQualifier> qs) {
            qs.forEach(qualifiers::add);
            return this;
        }

        public Builder property(CimProperty p) {
            properties.add(p);
            return this;
        }

        public Builder method(CimMethod m) {
            methods.add(m);
            return this;
        }

        /**
         * Resolves inheritance and builds the class.
         *
         * @throws CimException WBEM_E_INVALID_PROPERTY for a property declared twice, WBEM_E_INVALID_METHOD for a
         *     method declared twice, WBEM_E_TYPE_MISMATCH for an override that changes a type,
         *     WBEM_E_OVERRIDE_NOT_ALLOWED for a DisableOverride qualifier changed
         */
        public CimClass build() {
            CimQualifiers own = CimQualifiers.of(qualifiers);
            CimQualifiers effective = superClass == null ? own
                    : CimQualifiers.inherit(superClass.qualifiers, own, "class " + name);

            LinkedHashMap<CimName, CimProperty> props = new LinkedHashMap<>();
            if (superClass != null) {
                superClass.properties.forEach(p -> props.put(p.name(), p.inheritedBy()));
            }
            List<CimName> seen = new ArrayList<>();
            for (CimProperty p : properties) {
                if (seen.contains(p.name())) {
                    throw new CimException(WbemStatus.WBEM_E_INVALID_PROPERTY,
                            "class " + name + " declares property " + p.name() + " twice", p.name());
                }
                seen.add(p.name());
                CimProperty parent = props.get(p.name());
                if (parent == null) {
                    props.put(p.name(), p.withOrigin(name));
                } else {
                    checkSameType(parent.dataType(), p.dataType(), "property", p.name());
                    CimProperty resolved = p.overriding(parent, name);
                    props.put(p.name(), resolved.defaultValue() == null && parent.defaultValue() != null
                            ? resolved.withDefault(parent.defaultValue()) : resolved);
                }
            }

            LinkedHashMap<CimName, CimMethod> meths = new LinkedHashMap<>();
            if (superClass != null) {
                superClass.methods.forEach(m -> meths.put(m.name(), m.inheritedBy()));
            }
            List<CimName> seenMethods = new ArrayList<>();
            for (CimMethod m : methods) {
                if (seenMethods.contains(m.name())) {
                    throw new CimException(WbemStatus.WBEM_E_INVALID_METHOD,
                            "class " + name + " declares method " + m.name() + " twice", m.name());
                }
                seenMethods.add(m.name());
                CimMethod parent = meths.get(m.name());
                if (parent == null) {
                    meths.put(m.name(), m.withOrigin(name));
                } else {
                    checkSameType(parent.returnType(), m.returnType(), "method", m.name());
                    meths.put(m.name(), m.overriding(parent, name));
                }
            }
            return new CimClass(name, superClass, effective, new ArrayList<>(props.values()),
                    new ArrayList<>(meths.values()));
        }

        private void checkSameType(CimDataType inherited, CimDataType declared, String kind, CimName member) {
            // A reference may narrow the class it refers to; everything else keeps its exact type.
            boolean bothReferences = inherited.type() == CimType.REFERENCE && declared.type() == CimType.REFERENCE
                    && inherited.array() == declared.array();
            if (!bothReferences && !inherited.equals(declared)) {
                throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH, "class " + name + " redeclares " + kind + " "
                        + member + " as " + declared + " but " + superClass.name + " declares it " + inherited, member);
            }
        }
    }
}
