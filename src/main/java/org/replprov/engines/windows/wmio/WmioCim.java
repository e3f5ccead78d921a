package org.replprov.engines.windows.wmio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimQualifiers;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;

/**
 * Converts between MS-WMIO objects and the project's CIM model ({@link CimClass}, {@link CimInstance}).
 *
 * <p>What does not cross over: the CIMTYPE qualifier (a wire artefact; the CIM type says the same) is dropped on the
 * way in and added on the way out; properties and parameters of type CIM-TYPE-OBJECT (embedded objects), which the
 * CIM model has no type for, are left out of the CIM view, as are methods without a {@code ReturnValue} or with an
 * object parameter. A class read from the wire becomes a class that declares all its properties itself, below
 * property-less superclasses named by its DerivationList (so {@link CimClass#isA} holds); which superclass declared
 * what stays visible in {@link PropertyDefinition#classOfOrigin()}.
 */
public final class WmioCim {

    /** The class name of method signatures (MS-WMIO §2.3.3). */
    public static final String PARAMETERS = "__PARAMETERS";
    /** The out parameter that carries a method's return value (§2.3.3). */
    public static final String RETURN_VALUE = "ReturnValue";

    private static final WireType STRING = WireType.scalar(WireType.Base.STRING);
    private static final WireType BOOLEAN = WireType.scalar(WireType.Base.BOOLEAN);
    private static final WireType SINT32 = WireType.scalar(WireType.Base.SINT32);

    private WmioCim() {
    }

    // ---- from the wire ----------------------------------------------------------------------------------------

    /** The CIM view of a class object, with its methods. */
    public static CimClass toCimClass(WmioClass cls) {
        return toCimClass(cls.current(), cls.methods());
    }

    /** The CIM view of an instance: its values in the CIM view of its CurrentClass. */
    public static CimInstance toCimInstance(WmioInstance instance) {
        CimClass cimClass = toCimClass(instance.currentClass(), List.of());
        CimInstance.Builder b = CimInstance.builder(cimClass);
        List<PropertyDefinition> props = instance.currentClass().properties();
        for (int i = 0; i < props.size(); i++) {
            if (props.get(i).type().base() != WireType.Base.OBJECT) {
                b.set(props.get(i).name(), cimValue(instance.values().get(i).value()));
            }
        }
        return b.build();
    }

    private static CimClass toCimClass(ClassDefinition cls, List<MethodDefinition> methods) {
        CimClass superclass = null;
        for (int i = cls.derivationList().size() - 1; i >= 0; i--) {
            superclass = CimClass.builder(cls.derivationList().get(i)).superClass(superclass).build();
        }
        CimClass.Builder b = CimClass.builder(cls.name()).superClass(superclass).qualifiers(cimQualifiers(cls.qualifiers()));
        for (PropertyDefinition p : cls.properties()) {
            cimType(p).ifPresent(type -> b.property(new CimProperty(CimName.of(p.name()), type,
                    cimValue(p.defaultValue()), CimQualifiers.of(cimQualifiers(p.qualifiers())), null, false)));
        }
        for (MethodDefinition m : methods) {
            cimMethod(m).ifPresent(b::method);
        }
        return b.build();
    }

    private static Optional<CimMethod> cimMethod(MethodDefinition m) {
        Optional<PropertyDefinition> returned = m.outParameters().flatMap(c -> c.property(RETURN_VALUE));
        Optional<CimDataType> returnType = returned.flatMap(WmioCim::cimType);
        if (returnType.isEmpty()) {
            return Optional.empty();
        }
        // A parameter that is both in and out appears in both signatures; its qualifiers are merged.
        Map<String, List<Qualifier>> qualifiers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, PropertyDefinition> params = new LinkedHashMap<>();
        for (ClassDefinition signature : List.of(m.inParameters(), m.outParameters()).stream()
                .flatMap(Optional::stream).toList()) {
            for (PropertyDefinition p : signature.properties()) {
                if (p.name().equalsIgnoreCase(RETURN_VALUE)) {
                    continue;
                }
                params.putIfAbsent(p.name().toUpperCase(java.util.Locale.ROOT), p);
                List<Qualifier> merged = qualifiers.computeIfAbsent(p.name(), k -> new ArrayList<>());
                p.qualifiers().stream().filter(q -> Qualifier.find(merged, q.name()).isEmpty()).forEach(merged::add);
            }
        }
        List<CimParameter> parameters = new ArrayList<>();
        for (PropertyDefinition p : params.values()) {
            Optional<CimDataType> type = cimType(p);
            if (type.isEmpty()) {
                return Optional.empty();
            }
            parameters.add(new CimParameter(CimName.of(p.name()), type.get(),
                    CimQualifiers.of(cimQualifiers(qualifiers.get(p.name())))));
        }
        parameters.sort(Comparator.comparingInt(p -> p.id().orElse(Integer.MAX_VALUE)));
        return Optional.of(new CimMethod(CimName.of(m.name()), returnType.get(), parameters,
                CimQualifiers.of(cimQualifiers(m.qualifiers())), null, false));
    }

    /** The CIM type of a property; a reference's class comes from its CIMTYPE qualifier ({@code ref:Class}). */
    private static Optional<CimDataType> cimType(PropertyDefinition p) {
        Optional<CimType> base = p.type().base().cimType();
        if (base.isEmpty()) {
            return Optional.empty();
        }
        CimName referenced = null;
        if (base.get() == CimType.REFERENCE) {
            String text = p.cimTypeText().orElse("");
            String cls = text.regionMatches(true, 0, "ref:", 0, 4) ? text.substring(4) : "";
            referenced = CimName.of(CimName.isValid(cls) ? cls : "object");
        }
        return Optional.of(new CimDataType(base.get(), p.type().array(), referenced));
    }

    private static List<CimQualifier> cimQualifiers(List<Qualifier> qualifiers) {
        List<CimQualifier> out = new ArrayList<>();
        for (Qualifier q : qualifiers) {
            if (q.name().equalsIgnoreCase(Qualifier.CIMTYPE) || q.value() instanceof WmioValue.Objects) {
                continue;
            }
            out.add(new CimQualifier(CimName.of(q.name()), cimValue(q.value()), flavors(q.flavor()),
                    (q.flavor() & Qualifier.ORIGIN_PROPAGATED) != 0));
        }
        return out;
    }

    private static CimValue cimValue(WmioValue value) {
        return value instanceof WmioValue.Data d ? d.value() : null;
    }

    /** QualifierFlavor bits (§2.2.62) as DSP0004 flavors. */
    static Set<CimFlavor> flavors(int bits) {
        EnumSet<CimFlavor> f = EnumSet.noneOf(CimFlavor.class);
        f.add((bits & Qualifier.TO_SUBCLASS) != 0 ? CimFlavor.TOSUBCLASS : CimFlavor.RESTRICTED);
        f.add((bits & Qualifier.NOT_OVERRIDABLE) != 0 ? CimFlavor.DISABLEOVERRIDE : CimFlavor.ENABLEOVERRIDE);
        if ((bits & Qualifier.TO_INSTANCE) != 0) {
            f.add(CimFlavor.TOINSTANCE);
        }
        if ((bits & Qualifier.AMENDED) != 0) {
            f.add(CimFlavor.AMENDED);
        }
        return f;
    }

    /** DSP0004 flavors as QualifierFlavor bits; Translatable shares the Amended bit, as the table of §2.2.62 does. */
    static int flavorBits(CimQualifier q) {
        Set<CimFlavor> f = q.flavors();
        return (f.contains(CimFlavor.TOINSTANCE) ? Qualifier.TO_INSTANCE : 0)
                | (f.contains(CimFlavor.RESTRICTED) ? 0 : Qualifier.TO_SUBCLASS)
                | (f.contains(CimFlavor.DISABLEOVERRIDE) ? Qualifier.NOT_OVERRIDABLE : 0)
                | (f.contains(CimFlavor.AMENDED) || f.contains(CimFlavor.TRANSLATABLE) ? Qualifier.AMENDED : 0)
                | (q.propagated() ? Qualifier.ORIGIN_PROPAGATED : 0);
    }

    // ---- to the wire ------------------------------------------------------------------------------------------

    /**
     * The class object for {@code cimClass}: its superclass as ParentClass, its properties with CIMTYPE qualifiers,
     * its methods with {@code __PARAMETERS} signatures (an {@code ID} qualifier added to parameters without one,
     * numbering them in declaration order, and {@code in} / {@code out} where the MOF leaves them implicit).
     */
    public static WmioClass toWmioClass(CimClass cimClass) {
        Optional<CimClass> superclass = cimClass.superClass();
        ClassDefinition parent = superclass.map(WmioCim::classDefinition).orElse(ClassDefinition.NONE);
        List<MethodDefinition> parentMethods = superclass.map(WmioCim::methods).orElse(List.of());
        return new WmioClass(parent, parentMethods, classDefinition(cimClass), methods(cimClass));
    }

    /**
     * An instance of {@code cls} (built by {@link #toWmioClass}) with the values of {@code instance}; properties the
     * instance does not carry take the class default.
     *
     * @throws IllegalArgumentException when a value does not have its property's type in {@code cls}
     */
    public static WmioInstance toWmioInstance(CimInstance instance, ClassDefinition cls) {
        Map<String, WmioValue> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (CimProperty p : instance.properties()) {
            if (cls.property(p.name().toString()).isPresent()) {
                CimValue v = instance.value(p.name());
                values.put(p.name().toString(), v == null ? null : WmioValue.of(v));
            }
        }
        return WmioInstance.of(cls, values);
    }

    /** An instance with its class, ready for {@link WmioCodec#encodeEncodingUnit}; {@code decoration} may be null. */
    public static ObjectBlock toObjectBlock(CimInstance instance, Decoration decoration) {
        ClassDefinition cls = toWmioClass(instance.cimClass()).current();
        return ObjectBlock.of(decoration, toWmioInstance(instance, cls));
    }

    private static ClassDefinition classDefinition(CimClass c) {
        List<String> derivation = derivation(c);
        List<ClassDefinition.Declared> declared = new ArrayList<>();
        for (CimProperty p : c.properties()) {
            int origin = origin(p.classOrigin(), derivation);
            declared.add(new ClassDefinition.Declared(p.name().toString(), wireType(p.dataType()),
                    origin < derivation.size(), origin, withCimType(wireQualifiers(p.qualifiers()), p.dataType()),
                    p.defaultValue() == null ? null : WmioValue.of(p.defaultValue())));
        }
        return ClassDefinition.of(c.name().toString(), derivation, wireQualifiers(c.qualifiers()), declared);
    }

    /** Superclass names, the immediate one first (§2.2.17). */
    private static List<String> derivation(CimClass c) {
        List<String> names = new ArrayList<>();
        for (Optional<CimClass> s = c.superClass(); s.isPresent(); s = s.get().superClass()) {
            names.add(s.get().name().toString());
        }
        return names;
    }

    /**
     * ClassOfOrigin / MethodOrigin: counted from the top-most class, the class itself being the DerivationList's
     * size. §2.2.35 words it as an index into the DerivationList, but its examples (§3, §3.2) count from the top.
     */
    private static int origin(CimName classOrigin, List<String> derivation) {
        for (int i = 0; i < derivation.size(); i++) {
            if (classOrigin != null && classOrigin.matches(derivation.get(i))) {
                return derivation.size() - 1 - i;
            }
        }
        return derivation.size();
    }

    private static List<MethodDefinition> methods(CimClass c) {
        List<String> derivation = derivation(c);
        List<MethodDefinition> out = new ArrayList<>();
        for (CimMethod m : c.methods()) {
            List<ClassDefinition.Declared> in = new ArrayList<>();
            List<ClassDefinition.Declared> outs = new ArrayList<>();
            List<CimParameter> params = m.parameters();
            for (int i = 0; i < params.size(); i++) {
                CimParameter p = params.get(i);
                List<Qualifier> qs = wireQualifiers(p.qualifiers());
                if (p.id().isEmpty()) {
                    qs.add(new Qualifier("ID", 0, SINT32, WmioValue.of(CimValue.sint32(i))));
                }
                if (p.isIn()) {
                    in.add(parameter(p.name().toString(), p.dataType(), flagged(qs, "in")));
                }
                if (p.isOut()) {
                    outs.add(parameter(p.name().toString(), p.dataType(), flagged(qs, "out")));
                }
            }
            outs.add(parameter(RETURN_VALUE, m.returnType(), flagged(new ArrayList<>(), "out")));
            int origin = origin(m.classOrigin(), derivation);
            out.add(new MethodDefinition(m.name().toString(), m.propagated() ? MethodDefinition.PROPAGATED : 0,
                    origin, wireQualifiers(m.qualifiers()), in.isEmpty() ? null : signature(in), signature(outs)));
        }
        return out;
    }

    private static ClassDefinition.Declared parameter(String name, CimDataType type, List<Qualifier> qualifiers) {
        return new ClassDefinition.Declared(name, wireType(type), false, 0, withCimType(qualifiers, type), null);
    }

    /** {@code qualifiers} with the boolean {@code direction} qualifier ({@code in}, {@code out}) when absent. */
    private static List<Qualifier> flagged(List<Qualifier> qualifiers, String direction) {
        List<Qualifier> qs = new ArrayList<>(qualifiers);
        if (Qualifier.find(qs, direction).isEmpty()) {
            qs.add(new Qualifier(direction, 0, BOOLEAN, WmioValue.of(CimValue.bool(true))));
        }
        return qs;
    }

    /** A {@code __PARAMETERS} class (§2.3.3) marked abstract, without superclass, as a signature's ObjectBlock. */
    private static ObjectBlock signature(List<ClassDefinition.Declared> params) {
        ClassDefinition cls = ClassDefinition.of(PARAMETERS, List.of(),
                List.of(new Qualifier("abstract", 0, BOOLEAN, WmioValue.of(CimValue.bool(true)))), params);
        return ObjectBlock.of(null, new WmioClass(ClassDefinition.NONE, List.of(), cls, List.of()));
    }

    private static List<Qualifier> wireQualifiers(CimQualifiers qualifiers) {
        List<Qualifier> out = new ArrayList<>();
        for (CimQualifier q : qualifiers) {
            CimValue v = q.value();
            out.add(new Qualifier(q.name().toString(), flavorBits(q), v == null ? STRING : wireType(v.dataType()),
                    v == null ? null : WmioValue.of(v)));
        }
        return out;
    }

    /** The CIMTYPE qualifier (§2.3.1, §2.3.2) first: {@code uint32}, {@code datetime}, {@code ref:Class}. */
    private static List<Qualifier> withCimType(List<Qualifier> qualifiers, CimDataType type) {
        String text = type.type() == CimType.REFERENCE ? "ref:" + type.referenceClass() : type.type().keyword();
        List<Qualifier> qs = new ArrayList<>();
        qs.add(new Qualifier(Qualifier.CIMTYPE, Qualifier.TO_INSTANCE | Qualifier.TO_SUBCLASS, STRING,
                WmioValue.of(CimValue.string(text))));
        qualifiers.stream().filter(q -> !q.name().equalsIgnoreCase(Qualifier.CIMTYPE)).forEach(qs::add);
        return qs;
    }

    private static WireType wireType(CimDataType type) {
        return new WireType(WireType.Base.of(type.type()), type.array());
    }
}
