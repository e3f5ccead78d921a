package org.replprov.engines.windows.wmio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimDateTime;
import org.replprov.cim.CimException;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;

/**
 * Recursive-descent decoder for one encoding, following the ABNF of MS-WMIO §6 rule by rule. It distrusts every
 * length, count and reference: each is checked against the block that encloses it and against {@link WmioLimits}
 * before it is followed or anything is allocated, and every problem becomes a {@link WmioFormatException} naming the
 * rule and its offset. One decoder serves one call; it counts the work done against a budget proportional to the
 * input, so that references crafted to reach one heap item from many places cannot multiply the work.
 */
final class WmioDecoder {

    private static final int NO_REF = 0xFFFFFFFF;
    private static final int MSB = 0x80000000;
    /** ClassHeader: EncodingLength, ReservedOctet, ClassNameRef, NdTableValueTableLength. */
    private static final int CLASS_HEADER_SIZE = 13;
    /** MethodDescription: MethodName, MethodFlags, MethodPadding, MethodOrigin, MethodQualifiers, two signatures. */
    private static final int METHOD_DESCRIPTION_SIZE = 24;
    /** PropertyInfo before its PropertyQualifierSet: PropertyType, DeclarationOrder, ValueTableOffset, origin. */
    private static final int PROPERTY_INFO_FIXED = 14;

    private final WmioReader all;
    private final WmioLimits limits;
    private final long workBudget;
    private long work;

    WmioDecoder(byte[] blob, WmioLimits limits) throws WmioFormatException {
        if (blob.length > limits.maxObjectBytes()) {
            throw new WmioFormatException("ObjectBlock", 0, "the encoding has " + blob.length
                    + " octets, more than the limit of " + limits.maxObjectBytes());
        }
        this.all = WmioReader.of(blob);
        this.limits = limits;
        this.workBudget = (long) blob.length * limits.workPerOctet() + 64;
    }

    /** EncodingUnit (§2.2.1): Signature, ObjectEncodingLength, ObjectBlock, and nothing after it. */
    ObjectBlock encodingUnit() throws WmioFormatException {
        int signature = all.u32(0, "Signature");
        if (signature != WmioEncoder.SIGNATURE) {
            throw new WmioFormatException("Signature", 0, "Signature=" + hex(signature) + " is not 0x12345678");
        }
        long length = Integer.toUnsignedLong(all.u32(4, "ObjectEncodingLength"));
        WmioReader block = all.region(8, length, "ObjectEncodingLength", 4);
        if (block.end() != all.end()) {
            throw new WmioFormatException("ObjectEncodingLength", 4, "ObjectEncodingLength=" + hex((int) length)
                    + " leaves " + (all.end() - block.end()) + " octets after the EncodingUnit");
        }
        return objectBlock(block, 0);
    }

    /** EncodingUnitObjectBlock (§2.2.2): the ObjectBlock fills the bytes. */
    ObjectBlock objectBlockOnly() throws WmioFormatException {
        return objectBlock(all, 0);
    }

    /** EncodingUnitInstanceNoClass (§2.2.3): decoded as InstanceType with {@code cls} as its CurrentClass. */
    ObjectBlock instanceNoClass(ClassDefinition cls) throws WmioFormatException {
        int flags = all.u8(0, "ObjectFlags");
        if ((flags & (ObjectBlock.CLASS | ObjectBlock.INSTANCE)) != ObjectBlock.INSTANCE) {
            throw new WmioFormatException("ObjectFlags", 0, "ObjectFlags=" + hex(flags)
                    + " does not mark an instance (0x02 without 0x01)");
        }
        Decoration decoration = null;
        int at = 1;
        if ((flags & ObjectBlock.DECORATED) != 0) {
            Str server = string(all, at, "DecServerName");
            Str namespace = string(all, server.end, "DecNamespaceName");
            decoration = new Decoration(server.value, namespace.value);
            at = namespace.end;
        }
        return new ObjectBlock(flags, decoration, instancePart(all, at, cls, 0).instance);
    }

    // ---- ObjectBlock ----------------------------------------------------------------------------------------------

    private ObjectBlock objectBlock(WmioReader r, int depth) throws WmioFormatException {
        int at = r.start();
        if (depth > limits.maxNesting()) {
            throw new WmioFormatException("ObjectBlock", at, "objects nested deeper than " + limits.maxNesting());
        }
        charge(1, "ObjectBlock", at);
        int flags = r.u8(at, "ObjectFlags");
        boolean isClass = (flags & ObjectBlock.CLASS) != 0;
        if (isClass == ((flags & ObjectBlock.INSTANCE) != 0)) {
            throw new WmioFormatException("ObjectFlags", at, "ObjectFlags=" + hex(flags)
                    + " must have exactly one of 0x01 (class) and 0x02 (instance)");
        }
        at++;
        Decoration decoration = null;
        if ((flags & ObjectBlock.DECORATED) != 0) {
            Str server = string(r, at, "DecServerName");
            Str namespace = string(r, server.end, "DecNamespaceName");
            decoration = new Decoration(server.value, namespace.value);
            at = namespace.end;
        }
        // Octets after the Encoding are not significant (§3: "the remaining octets are not significant").
        if (isClass) {
            Part parent = classAndMethods(r, at, depth);
            Part current = classAndMethods(r, parent.end, depth);
            if (current.cls.name() == null) {
                throw new WmioFormatException("ClassNameRef", parent.end + 5, "the CurrentClass has no name");
            }
            return new ObjectBlock(flags, decoration,
                    new WmioClass(parent.cls, parent.methods, current.cls, current.methods));
        }
        ClassRead current = classPart(r, at, depth);
        if (current.cls.name() == null) {
            throw new WmioFormatException("ClassNameRef", at + 5, "the instance's CurrentClass has no name");
        }
        return new ObjectBlock(flags, decoration, instancePart(r, current.end, current.cls, depth).instance);
    }

    private record Part(ClassDefinition cls, List<MethodDefinition> methods, int end) {
    }

    /** ClassAndMethodsPart (§2.2.14) of a ClassType: ClassPart and MethodsPart. */
    private Part classAndMethods(WmioReader r, int at, int depth) throws WmioFormatException {
        ClassRead part = classPart(r, at, depth);
        Methods methods = methodsPart(r, part.end, depth);
        return new Part(part.cls, methods.methods, methods.end);
    }

    // ---- ClassPart ------------------------------------------------------------------------------------------------

    private record ClassRead(ClassDefinition cls, int end) {
    }

    /** ClassPart (§2.2.15). */
    private ClassRead classPart(WmioReader r, int at, int depth) throws WmioFormatException {
        long length = Integer.toUnsignedLong(r.u32(at, "ClassHeader.EncodingLength"));
        WmioReader part = r.region(at, length, "ClassHeader.EncodingLength", at);
        part.require(at, CLASS_HEADER_SIZE, "ClassHeader");
        int nameRef = part.u32(at + 5, "ClassNameRef");
        long ndValueLength = Integer.toUnsignedLong(part.u32(at + 9, "NdTableValueTableLength"));
        int p = at + CLASS_HEADER_SIZE;

        WmioReader derivation = lengthPrefixed(part, p, "DerivationList.EncodingLength");
        List<String> superclasses = new ArrayList<>();
        for (int q = p + 4; q < derivation.end(); ) {
            if (superclasses.size() == limits.maxDerivationDepth()) {
                throw new WmioFormatException("DerivationList", p, "DerivationList names more than "
                        + limits.maxDerivationDepth() + " superclasses");
            }
            Str s = string(derivation, q, "ClassNameEncoding");
            superclasses.add(name(s, "ClassNameEncoding", q));
            // The trailing length is documentary (a character count whose unit the specification leaves open).
            derivation.u32(s.end, "ClassNameEncoding.EncodingLength");
            q = s.end + 4;
        }
        p = derivation.end();

        WmioReader classQualifiers = lengthPrefixed(part, p, "ClassQualifierSet.EncodingLength");
        p = classQualifiers.end();

        long count = Integer.toUnsignedLong(part.u32(p, "PropertyCount"));
        if (count > limits.maxProperties()) {
            throw new WmioFormatException("PropertyCount", p, "PropertyCount=" + count + " exceeds the limit of "
                    + limits.maxProperties());
        }
        int lookupAt = p + 4;
        part.require(lookupAt, count * 8, "PropertyLookup");
        p = lookupAt + (int) count * 8;
        int ndLength = count == 0 ? 0 : (int) ((count - 1) / 4 + 1);
        if (ndValueLength < ndLength) {
            throw new WmioFormatException("NdTableValueTableLength", at + 9, "NdTableValueTableLength="
                    + ndValueLength + " is shorter than the NdTable of " + count + " properties");
        }
        WmioReader ndValues = part.region(p, ndValueLength, "NdTableValueTableLength", at + 9);
        int ndAt = p;
        WmioReader valueTable = ndValues.region(p + ndLength, ndValueLength - ndLength, "ValueTable", at + 9);
        Heap heap = heap(part, ndValues.end(), "ClassHeap");

        String className = nameRef == NO_REF ? null : name(heapString(heap, nameRef, "ClassNameRef", at + 5),
                "ClassNameRef", at + 5);
        List<Qualifier> qualifiers = qualifierSet(classQualifiers, classQualifiers.start(), heap, depth).qualifiers;

        PropertyDefinition[] byOrder = new PropertyDefinition[(int) count];
        int[] lookupOrder = new int[(int) count];
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < count; i++) {
            int entry = lookupAt + 8 * i;
            charge(1, "PropertyLookup", entry);
            String propertyName = name(heapString(heap, part.u32(entry, "PropertyNameRef"), "PropertyNameRef",
                    entry), "PropertyNameRef", entry);
            if (!names.add(propertyName)) {
                throw new WmioFormatException("PropertyNameRef", entry, "property " + propertyName
                        + " appears twice in the PropertyLookupTable");
            }
            int info = heap.at(part.u32(entry + 4, "PropertyInfoRef"), "PropertyInfoRef", entry + 4);
            WmioReader h = heap.reader;
            int rawType = h.u32(info, "PropertyType");
            WireType type = WireType.ofCode(rawType, WireType.INHERITED_FLAG).orElseThrow(() ->
                    new WmioFormatException("PropertyType", info, "PropertyType=" + hex(rawType)
                            + " is not a CimType"));
            int order = h.u16(info + 4, "DeclarationOrder");
            if (order >= count || byOrder[order] != null) {
                throw new WmioFormatException("DeclarationOrder", info + 4, "DeclarationOrder=" + order
                        + (order >= count ? " is not below PropertyCount=" + count : " is used twice"));
            }
            long valueOffset = Integer.toUnsignedLong(h.u32(info + 6, "ValueTableOffset"));
            if (valueOffset + type.slotSize() > valueTable.end() - valueTable.start()) {
                throw new WmioFormatException("ValueTableOffset", info + 6, "ValueTableOffset=" + valueOffset
                        + " leaves no room for a " + type + " in a ValueTable of "
                        + (valueTable.end() - valueTable.start()) + " octets");
            }
            int origin = h.u32(info + 10, "ClassOfOrigin");
            List<Qualifier> propertyQualifiers = qualifierSet(h, info + PROPERTY_INFO_FIXED, heap, depth).qualifiers;
            int bits = ndBits(ndValues, ndAt, order);
            WmioValue defaultValue = (bits & 1) != 0 ? null
                    : value(valueTable, valueTable.start() + (int) valueOffset, type, heap, depth, "ValueTable");
            byOrder[order] = new PropertyDefinition(propertyName, type, order, (int) valueOffset, origin,
                    (rawType & WireType.INHERITED_FLAG) != 0, propertyQualifiers, (bits & 1) != 0, (bits & 2) != 0,
                    defaultValue);
            lookupOrder[i] = order;
        }
        ClassDefinition cls = new ClassDefinition(className, superclasses, qualifiers, List.of(byOrder),
                (int) (ndValueLength - ndLength), lookupOrder, part.bytes(at, (int) length, "ClassPart"));
        return new ClassRead(cls, part.end());
    }

    /** The two NdTable bits of the property with DeclarationOrder {@code order} (§2.2.26). */
    private static int ndBits(WmioReader r, int ndAt, int order) throws WmioFormatException {
        return r.u8(ndAt + order / 4, "NdTable") >> (2 * (order % 4)) & 3;
    }

    // ---- MethodsPart ----------------------------------------------------------------------------------------------

    private record Methods(List<MethodDefinition> methods, int end) {
    }

    /** MethodsPart (§2.2.38). */
    private Methods methodsPart(WmioReader r, int at, int depth) throws WmioFormatException {
        WmioReader part = lengthPrefixed(r, at, "MethodsPart.EncodingLength");
        int count = part.u16(at + 4, "MethodCount");
        if (count > limits.maxMethods()) {
            throw new WmioFormatException("MethodCount", at + 4, "MethodCount=" + count + " exceeds the limit of "
                    + limits.maxMethods());
        }
        part.u16(at + 6, "MethodCountPadding");
        int descriptions = at + 8;
        part.require(descriptions, (long) count * METHOD_DESCRIPTION_SIZE, "MethodDescription");
        Heap heap = heap(part, descriptions + count * METHOD_DESCRIPTION_SIZE, "MethodHeap");
        List<MethodDefinition> methods = new ArrayList<>(count);
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < count; i++) {
            int d = descriptions + METHOD_DESCRIPTION_SIZE * i;
            charge(1, "MethodDescription", d);
            String methodName = name(heapString(heap, part.u32(d, "MethodName"), "MethodName", d), "MethodName", d);
            if (!names.add(methodName)) {
                throw new WmioFormatException("MethodName", d, "method " + methodName + " appears twice");
            }
            int flags = part.u8(d + 4, "MethodFlags");
            int origin = part.u32(d + 8, "MethodOrigin");
            int qualifiersRef = part.u32(d + 12, "MethodQualifiers");
            List<Qualifier> qualifiers = qualifiersRef == NO_REF ? List.of()
                    : qualifierSet(heap.reader, heap.at(qualifiersRef, "MethodQualifiers", d + 12), heap, depth)
                            .qualifiers;
            ObjectBlock in = signature(heap, part.u32(d + 16, "InputSignature"), d + 16, depth);
            ObjectBlock out = signature(heap, part.u32(d + 20, "OutputSignature"), d + 20, depth);
            methods.add(new MethodDefinition(methodName, flags, origin, qualifiers, in, out));
        }
        return new Methods(methods, part.end());
    }

    /** MethodSignatureBlock (§2.2.70): a class; none when the reference is 0xFFFFFFFF or the length 0. */
    private ObjectBlock signature(Heap heap, int ref, int refAt, int depth) throws WmioFormatException {
        if (ref == NO_REF) {
            return null;
        }
        int at = heap.at(ref, "MethodSignature", refAt);
        long length = Integer.toUnsignedLong(heap.reader.u32(at, "MethodSignatureBlock.EncodingLength"));
        if (length == 0) {
            return null;
        }
        ObjectBlock block = objectBlock(heap.reader.region(at + 4, length, "MethodSignatureBlock.EncodingLength",
                at), depth + 1);
        if (!block.isClass()) {
            throw new WmioFormatException("MethodSignatureBlock", at + 4, "a method signature holds an instance");
        }
        return block;
    }

    // ---- InstanceType ---------------------------------------------------------------------------------------------

    private record InstanceRead(WmioInstance instance, int end) {
    }

    /** InstanceType (§2.2.53) after its CurrentClass {@code cls}. */
    private InstanceRead instancePart(WmioReader r, int at, ClassDefinition cls, int depth)
            throws WmioFormatException {
        long length = Integer.toUnsignedLong(r.u32(at, "InstanceType.EncodingLength"));
        WmioReader part = r.region(at, length, "InstanceType.EncodingLength", at);
        part.u8(at + 4, "InstanceFlags");
        int classNameRef = part.u32(at + 5, "InstanceClassName");
        int ndAt = at + 9;
        List<PropertyDefinition> props = cls.properties();
        WmioReader ndValues = part.region(ndAt, (long) cls.ndTableLength() + cls.valueTableLength(), "NdTable",
                ndAt);
        int valuesAt = ndAt + cls.ndTableLength();
        int p = ndValues.end();
        WmioReader instanceQualifiers = lengthPrefixed(part, p, "InstanceQualifierSet.EncodingLength");
        p = instanceQualifiers.end();
        int flag = part.u8(p, "InstPropQualSetFlag");
        if (flag != 1 && flag != 2) {
            throw new WmioFormatException("InstPropQualSetFlag", p, "InstPropQualSetFlag=" + flag + " is neither 1 nor 2");
        }
        int flagAt = p++;
        WmioReader[] propertyQualifiers = new WmioReader[props.size()];
        if (flag == 2) {
            for (int i : cls.lookupOrder()) {
                propertyQualifiers[i] = lengthPrefixed(part, p, "InstancePropQualifierSet.EncodingLength");
                p = propertyQualifiers[i].end();
            }
        }
        Heap heap = heap(part, p, "InstanceHeap");
        String className = name(heapString(heap, classNameRef, "InstanceClassName", at + 5), "InstanceClassName",
                at + 5);
        List<Qualifier> qualifiers = qualifierSet(instanceQualifiers, instanceQualifiers.start(), heap, depth)
                .qualifiers;
        List<InstanceValue> values = new ArrayList<>(props.size());
        for (int i = 0; i < props.size(); i++) {
            PropertyDefinition prop = props.get(i);
            int bits = ndBits(ndValues, ndAt, prop.declarationOrder());
            WmioValue value;
            if ((bits & 1) != 0) {
                value = null;
            } else if ((bits & 2) != 0) {
                value = prop.defaultNull() ? null : prop.defaultValue();
            } else {
                value = value(ndValues, valuesAt + prop.valueTableOffset(), prop.type(), heap, depth, "InstanceData");
            }
            List<Qualifier> own = propertyQualifiers[i] == null ? List.of()
                    : qualifierSet(propertyQualifiers[i], propertyQualifiers[i].start(), heap, depth).qualifiers;
            values.add(new InstanceValue(value, (bits & 2) != 0, own));
        }
        if (flag == 2 && props.isEmpty()) {
            throw new WmioFormatException("InstPropQualSetFlag", flagAt, "property qualifiers for a class without properties");
        }
        return new InstanceRead(new WmioInstance(cls, className, values, qualifiers), part.end());
    }

    // ---- QualifierSet ---------------------------------------------------------------------------------------------

    private record QualifiersRead(List<Qualifier> qualifiers, int end) {
    }

    /** QualifierSet (§2.2.59) at {@code at}; names and values refer to {@code heap}. */
    private QualifiersRead qualifierSet(WmioReader r, int at, Heap heap, int depth) throws WmioFormatException {
        WmioReader set = lengthPrefixed(r, at, "QualifierSet.EncodingLength");
        List<Qualifier> qualifiers = new ArrayList<>();
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (int q = at + 4; q < set.end(); ) {
            if (qualifiers.size() == limits.maxQualifiers()) {
                throw new WmioFormatException("QualifierSet", at, "more than " + limits.maxQualifiers()
                        + " qualifiers in one set");
            }
            charge(1, "Qualifier", q);
            int nameRef = set.u32(q, "QualifierName");
            int flavor = set.u8(q + 4, "QualifierFlavor");
            int code = set.u32(q + 5, "QualifierType");
            int typeAt = q + 5;
            WireType type = WireType.ofCode(code, 0).orElseThrow(() -> new WmioFormatException("QualifierType",
                    typeAt, "QualifierType=" + hex(code) + " is not a CimType"));
            String qualifierName = name(heapString(heap, nameRef, "QualifierName", q), "QualifierName", q);
            if (!names.add(qualifierName)) {
                throw new WmioFormatException("QualifierName", q, "qualifier " + qualifierName + " appears twice");
            }
            set.require(q + 9, type.slotSize(), "QualifierValue");
            WmioValue value = value(set, q + 9, type, heap, depth, "QualifierValue");
            qualifiers.add(new Qualifier(qualifierName, flavor, type, value));
            q += 9 + type.slotSize();
        }
        return new QualifiersRead(qualifiers, set.end());
    }

    // ---- EncodedValue ---------------------------------------------------------------------------------------------

    /**
     * The EncodedValue (§2.2.71) of {@code type} at {@code at}; {@code null} for a HeapRef of 0xFFFFFFFF, which
     * §2.2.69 defines as NULL and NoValue (§2.2.74) fills a class's slot with.
     */
    private WmioValue value(WmioReader r, int at, WireType type, Heap heap, int depth, String field)
            throws WmioFormatException {
        r.require(at, type.slotSize(), field);
        if (type.array()) {
            int ref = r.u32(at, field);
            return ref == NO_REF ? null : array(heap, heap.at(ref, field, at), type.base(), depth);
        }
        if (type.base().inHeap()) {
            int ref = r.u32(at, field);
            if (ref == NO_REF) {
                return null;
            }
            if (type.base() == WireType.Base.OBJECT) {
                return new WmioValue.Objects(false, List.of(embedded(heap, heap.at(ref, field, at), depth)));
            }
            return WmioValue.of(text(type.base(), heapString(heap, ref, field, at), at));
        }
        return WmioValue.of(number(r, at, type.base(), field));
    }

    private static CimValue number(WmioReader r, int at, WireType.Base base, String field)
            throws WmioFormatException {
        return switch (base) {
            case SINT8 -> CimValue.Int.of(CimType.SINT8, (byte) r.u8(at, field));
            case UINT8 -> CimValue.Int.of(CimType.UINT8, r.u8(at, field));
            case SINT16 -> CimValue.Int.of(CimType.SINT16, (short) r.u16(at, field));
            case UINT16 -> CimValue.Int.of(CimType.UINT16, r.u16(at, field));
            case SINT32 -> CimValue.Int.of(CimType.SINT32, r.u32(at, field));
            case UINT32 -> CimValue.Int.of(CimType.UINT32, Integer.toUnsignedLong(r.u32(at, field)));
            case SINT64 -> CimValue.Int.of(CimType.SINT64, r.u64(at, field));
            case UINT64 -> CimValue.Int.of(CimType.UINT64, r.u64(at, field));
            case REAL32 -> new CimValue.Real(CimType.REAL32, Float.intBitsToFloat(r.u32(at, field)));
            case REAL64 -> new CimValue.Real(CimType.REAL64, Double.longBitsToDouble(r.u64(at, field)));
            // BOOL (§2.2.75): 0 is FALSE, 0xFFFF TRUE; any other bits are read as TRUE.
            case BOOLEAN -> CimValue.bool(r.u16(at, field) != 0);
            case CHAR16 -> new CimValue.Char16((char) r.u16(at, field));
            default -> throw new AssertionError(base);
        };
    }

    /** A string, datetime (§2.3.1) or reference (§2.3.2), all carried as Encoded-Strings. */
    private static CimValue text(WireType.Base base, String s, int at) throws WmioFormatException {
        try {
            return switch (base) {
                case STRING -> CimValue.string(s);
                case DATETIME -> CimDateTime.parse(s);
                case REFERENCE -> CimObjectPath.parse(s);
                default -> throw new AssertionError(base);
            };
        } catch (CimException | IllegalArgumentException e) {
            throw new WmioFormatException("EncodedValue", at, "the " + base.name().toLowerCase(java.util.Locale.ROOT)
                    + " value is not valid: " + e.getMessage());
        }
    }

    /** Encoded-Array (§2.2.79) at {@code at} in the heap. */
    private WmioValue array(Heap heap, int at, WireType.Base base, int depth) throws WmioFormatException {
        WmioReader h = heap.reader;
        long count = Integer.toUnsignedLong(h.u32(at, "ArrayCount"));
        if (count > limits.maxArrayElements()) {
            throw new WmioFormatException("ArrayCount", at, "ArrayCount=" + count + " exceeds the limit of "
                    + limits.maxArrayElements());
        }
        h.require(at + 4, count * base.size(), "Encoded-Array");
        charge(count, "Encoded-Array", at);
        WireType element = WireType.scalar(base);
        if (base == WireType.Base.OBJECT) {
            List<ObjectBlock> objects = new ArrayList<>((int) count);
            for (int i = 0; i < count; i++) {
                int e = at + 4 + 4 * i;
                objects.add(embedded(heap, heap.at(h.u32(e, "Encoded-Array"), "Encoded-Array", e), depth));
            }
            return new WmioValue.Objects(true, objects);
        }
        List<CimValue> elements = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int e = at + 4 + base.size() * i;
            WmioValue v = value(h, e, element, heap, depth, "Encoded-Array");
            if (v == null) {
                throw new WmioFormatException("Encoded-Array", e, "element " + i + " of an array is NULL");
            }
            elements.add(((WmioValue.Data) v).value());
        }
        // Arrays of references take the class of the untyped reference; the CIMTYPE qualifier names the real one.
        CimDataType elementType = base == WireType.Base.REFERENCE ? CimDataType.reference(CimName.of("object"))
                : CimDataType.scalar(base.cimType().orElseThrow());
        return WmioValue.of(new CimValue.Array(elementType, elements));
    }

    /** A CIM-TYPE-OBJECT value: ObjectEncodingLength and an ObjectBlock (§2.2.71). */
    private ObjectBlock embedded(Heap heap, int at, int depth) throws WmioFormatException {
        long length = Integer.toUnsignedLong(heap.reader.u32(at, "ObjectEncodingLength"));
        return objectBlock(heap.reader.region(at + 4, length, "ObjectEncodingLength", at), depth + 1);
    }

    // ---- Heap and strings -----------------------------------------------------------------------------------------

    /** A Heap (§2.2.66): its items lie in {@code reader}; HeapRefs are offsets from its start. */
    private record Heap(WmioReader reader, int end) {

        /** The absolute offset of the HeapItem {@code ref} refers to. */
        int at(int ref, String field, int refAt) throws WmioFormatException {
            int length = reader.end() - reader.start();
            if ((ref & MSB) != 0 || ref >= length) {
                throw new WmioFormatException(field, refAt, field + "=" + hex(ref) + " points outside its heap ("
                        + length + " octets)");
            }
            return reader.start() + ref;
        }
    }

    private Heap heap(WmioReader r, int at, String field) throws WmioFormatException {
        int raw = r.u32(at, field + ".HeapLength");
        if ((raw & MSB) == 0) {
            throw new WmioFormatException("HeapLength", at, "HeapLength=" + hex(raw)
                    + " lacks its most significant bit");
        }
        WmioReader items = r.region(at + 4, raw & ~MSB, "HeapLength", at);
        return new Heap(items, items.end());
    }

    /** The string a HeapStringRef (§2.2.68) names: in the heap, or a DictionaryReference (§2.2.80). */
    private String heapString(Heap heap, int ref, String field, int refAt) throws WmioFormatException {
        if ((ref & MSB) != 0 && ref != NO_REF) {
            int index = ref & ~MSB;
            if (index >= WmioEncoder.DICTIONARY.size()) {
                throw new WmioFormatException(field, refAt, field + "=" + hex(ref)
                        + " is a DictionaryReference beyond the dictionary's " + WmioEncoder.DICTIONARY.size()
                        + " entries");
            }
            return WmioEncoder.DICTIONARY.get(index);
        }
        if (ref == NO_REF) {
            throw new WmioFormatException(field, refAt, field + " is 0xFFFFFFFF where a string is required");
        }
        return string(heap.reader, heap.at(ref, field, refAt), "Encoded-String").value;
    }

    private record Str(String value, int end) {
    }

    /** Encoded-String (§2.2.78) at {@code at}, ending inside {@code r}. */
    private Str string(WmioReader r, int at, String field) throws WmioFormatException {
        charge(1, field, at);
        int flag = r.u8(at, field);
        if (flag != 0 && flag != 1) {
            throw new WmioFormatException(field, at, field + " flag=" + hex(flag) + " is neither 0 (8-bit) nor 1 (UTF-16)");
        }
        int width = flag == 0 ? 1 : 2;
        int chars = 0;
        for (int c = at + 1; ; c += width) {
            if (c + width > r.end()) {
                throw new WmioFormatException(field, at, field + " has no null terminator before its block ends at "
                        + hex(r.end()));
            }
            if ((width == 1 ? r.u8(c, field) : r.u16(c, field)) == 0) {
                byte[] bytes = r.bytes(at + 1, c - at - 1, field);
                return new Str(new String(bytes, width == 1 ? StandardCharsets.ISO_8859_1
                        : StandardCharsets.UTF_16LE), c + width);
            }
            if (++chars > limits.maxStringChars()) {
                throw new WmioFormatException(field, at, field + " is longer than " + limits.maxStringChars()
                        + " characters");
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** A block that starts with its own EncodingLength (at least 4, itself). */
    private static WmioReader lengthPrefixed(WmioReader r, int at, String field) throws WmioFormatException {
        long length = Integer.toUnsignedLong(r.u32(at, field));
        if (length < 4) {
            throw new WmioFormatException(field, at, field + "=" + length + " is less than its own 4 octets");
        }
        return r.region(at, length, field, at);
    }

    /** A class, property, method or qualifier name, which must be a CIM name (DSP0004). */
    private static String name(String s, String field, int at) throws WmioFormatException {
        if (!CimName.isValid(s)) {
            throw new WmioFormatException(field, at, field + " names '" + abbreviate(s) + "', which is not a CIM name");
        }
        return s;
    }

    private static String name(Str s, String field, int at) throws WmioFormatException {
        return name(s.value, field, at);
    }

    private void charge(long items, String field, int at) throws WmioFormatException {
        work += items;
        if (work > workBudget) {
            throw new WmioFormatException(field, at, "decoding would need more than " + limits.workPerOctet()
                    + " items per input octet (heap items reached from many places)");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }
}
