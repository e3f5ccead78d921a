package org.replprov.engines.windows.wmio;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;

/**
 * Writes MS-WMIO encodings. Every length, offset and HeapRef is computed here; heap items are laid out in the order
 * the specification's examples show (§3, §3.1): the class or instance name first, then for each property in lookup
 * order its name, qualifier values and PropertyInfo (or its value), then default values. Array items are followed by
 * the strings or objects they point to, in order.
 *
 * <p>DictionaryReferences (§2.2.80) are written for qualifier names only, which is where the specification's
 * examples and impacket (a client known to work against Windows) use them; string values are always written in
 * full. The decoder accepts them anywhere a string is referenced.
 */
final class WmioEncoder {

    static final int SIGNATURE = 0x12345678;
    private static final int NO_REF = 0xFFFFFFFF;
    private static final int HEAP_LENGTH_FLAG = 0x80000000;
    private static final int DICTIONARY_FLAG = 0x80000000;

    /** DictionaryReference strings (§2.2.80), by ordinal. */
    static final List<String> DICTIONARY = List.of("\"", "key", "", "read", "write", "volatile", "provider",
            "dynamic", "cimwin32", "DWORD", "CIMTYPE");

    private WmioEncoder() {
    }

    /** EncodingUnit (§2.2.1): Signature, ObjectEncodingLength, ObjectBlock. */
    static byte[] encodingUnit(ObjectBlock block) {
        WmioWriter w = new WmioWriter().u32(SIGNATURE);
        int lengthAt = w.position();
        w.u32(0);
        objectBlock(w, block);
        w.patchU32(lengthAt, w.position() - lengthAt - 4);
        return w.toByteArray();
    }

    /** ObjectBlock (§2.2.5), as EncodingUnitObjectBlock (§2.2.2) carries it. */
    static byte[] objectBlock(ObjectBlock block) {
        WmioWriter w = new WmioWriter();
        objectBlock(w, block);
        return w.toByteArray();
    }

    /** EncodingUnitInstanceNoClass (§2.2.3): the instance without its CurrentClass. */
    static byte[] instanceNoClass(ObjectBlock block) {
        if (!(block.object() instanceof WmioInstance instance)) {
            throw new IllegalArgumentException("only an instance can be sent without its class");
        }
        WmioWriter w = new WmioWriter();
        header(w, block);
        instancePart(w, instance);
        return w.toByteArray();
    }

    private static void objectBlock(WmioWriter w, ObjectBlock block) {
        header(w, block);
        if (block.object() instanceof WmioClass c) {
            w.bytes(c.parent().encodedUnsafe());
            methodsPart(w, c.parentMethods());
            w.bytes(c.current().encodedUnsafe());
            methodsPart(w, c.methods());
        } else {
            WmioInstance instance = (WmioInstance) block.object();
            w.bytes(instance.currentClass().encodedUnsafe());
            instancePart(w, instance);
        }
    }

    private static void header(WmioWriter w, ObjectBlock block) {
        w.u8(block.flags());
        if (block.decoration() != null) {
            w.bytes(encodedString(block.decoration().server()));
            w.bytes(encodedString(block.decoration().namespace()));
        }
    }

    /** ClassPart (§2.2.15) for {@link ClassDefinition#of}. */
    static byte[] classPart(String name, List<String> derivationList, List<Qualifier> qualifiers,
                            List<PropertyDefinition> props, int valueTableLength, int[] lookupOrder) {
        Heap heap = new Heap();
        int nameRef = name == null ? NO_REF : heap.string(name);
        byte[] classQualifiers = qualifierSet(qualifiers, heap);
        int[] lookupRefs = new int[props.size() * 2];
        for (int i = 0; i < lookupOrder.length; i++) {
            PropertyDefinition p = props.get(lookupOrder[i]);
            lookupRefs[2 * i] = heap.string(p.name());
            byte[] qs = qualifierSet(p.qualifiers(), heap);
            WmioWriter info = new WmioWriter()
                    .u32(p.type().code() | (p.inherited() ? WireType.INHERITED_FLAG : 0))
                    .u16(p.declarationOrder()).u32(p.valueTableOffset()).u32(p.classOfOrigin()).bytes(qs);
            lookupRefs[2 * i + 1] = heap.add(info.toByteArray());
        }
        byte[] nd = new byte[props.isEmpty() ? 0 : (props.size() - 1) / 4 + 1];
        byte[] valueTable = new byte[valueTableLength];
        for (int i : lookupOrder) {
            PropertyDefinition p = props.get(i);
            int bits = (p.defaultNull() ? 1 : 0) | (p.defaultInherited() ? 2 : 0);
            nd[p.declarationOrder() / 4] |= (byte) (bits << (2 * (p.declarationOrder() % 4)));
            // A class without a default fills the slot with NoValue (§2.2.74).
            byte[] slot = p.defaultValue() == null ? noValue(p.type()) : slot(p.type(), p.defaultValue(), heap);
            System.arraycopy(slot, 0, valueTable, p.valueTableOffset(), slot.length);
        }
        WmioWriter w = new WmioWriter();
        w.u32(0).u8(0).u32(nameRef).u32(nd.length + valueTable.length);
        WmioWriter derivation = new WmioWriter();
        for (String superclass : derivationList) {
            byte[] s = encodedString(superclass);
            derivation.bytes(s).u32(s.length);
        }
        w.u32(derivation.position() + 4).bytes(derivation.toByteArray());
        w.bytes(classQualifiers).u32(props.size());
        for (int ref : lookupRefs) {
            w.u32(ref);
        }
        w.bytes(nd).bytes(valueTable);
        heap.writeTo(w);
        w.patchU32(0, w.position());
        return w.toByteArray();
    }

    /** MethodsPart (§2.2.38); present, with MethodCount 0, even for a class without methods. */
    private static void methodsPart(WmioWriter w, List<MethodDefinition> methods) {
        int start = w.position();
        w.u32(0).u16(methods.size()).u16(0);
        Heap heap = new Heap();
        for (MethodDefinition m : methods) {
            int nameRef = heap.string(m.name());
            int qualifiersRef = heap.add(qualifierSet(m.qualifiers(), heap));
            int in = heap.add(signature(m.inSignature()));
            int out = heap.add(signature(m.outSignature()));
            w.u32(nameRef).u8(m.flags()).u8(0).u16(0).u32(m.origin()).u32(qualifiersRef).u32(in).u32(out);
        }
        heap.writeTo(w);
        w.patchU32(start, w.position() - start);
    }

    /**
     * MethodSignatureBlock (§2.2.70): the length of the ObjectBlock, then the block; an absent signature is a block
     * of length 0, which readers that always follow the reference (impacket's among them) accept.
     */
    private static byte[] signature(ObjectBlock block) {
        if (block == null) {
            return new byte[4];
        }
        byte[] b = objectBlock(block);
        return new WmioWriter().u32(b.length).bytes(b).toByteArray();
    }

    /** InstanceType after its CurrentClass: EncodingLength to InstanceHeap (§2.2.53). */
    private static void instancePart(WmioWriter w, WmioInstance instance) {
        ClassDefinition cls = instance.currentClass();
        List<PropertyDefinition> props = cls.properties();
        Heap heap = new Heap();
        int classNameRef = heap.string(instance.className());
        byte[] nd = new byte[cls.ndTableLength()];
        byte[] valueTable = new byte[cls.valueTableLength()];
        boolean propertyQualifiers = false;
        for (int i : cls.lookupOrder()) {
            PropertyDefinition p = props.get(i);
            InstanceValue v = instance.values().get(i);
            int bits = (v.value() == null ? 1 : 0) | (v.fromDefault() ? 2 : 0);
            nd[p.declarationOrder() / 4] |= (byte) (bits << (2 * (p.declarationOrder() % 4)));
            if (bits == 0) {
                byte[] slot = slot(p.type(), v.value(), heap);
                System.arraycopy(slot, 0, valueTable, p.valueTableOffset(), slot.length);
            }
            propertyQualifiers |= !v.qualifiers().isEmpty();
        }
        int start = w.position();
        w.u32(0).u8(0).u32(classNameRef).bytes(nd).bytes(valueTable);
        w.bytes(qualifierSet(instance.qualifiers(), heap));
        // InstPropQualSetFlag (§2.2.65): 1 when no property has instance qualifiers, else 2 and one set each.
        w.u8(propertyQualifiers ? 2 : 1);
        if (propertyQualifiers) {
            for (int i : cls.lookupOrder()) {
                w.bytes(qualifierSet(instance.values().get(i).qualifiers(), heap));
            }
        }
        heap.writeTo(w);
        w.patchU32(start, w.position() - start);
    }

    /** QualifierSet (§2.2.59); the values' heap items go to {@code heap}. */
    private static byte[] qualifierSet(List<Qualifier> qualifiers, Heap heap) {
        WmioWriter w = new WmioWriter().u32(0);
        for (Qualifier q : qualifiers) {
            w.u32(heap.name(q.name())).u8(q.flavor()).u32(q.type().code());
            w.bytes(q.value() == null ? noValue(q.type()) : slot(q.type(), q.value(), heap));
        }
        w.patchU32(0, w.position());
        return w.toByteArray();
    }

    /** The EncodedValue of a non-null value (§2.2.71), its heap items added to {@code heap}. */
    private static byte[] slot(WireType type, WmioValue value, Heap heap) {
        WmioWriter w = new WmioWriter();
        if (type.array()) {
            w.u32(heap.array(type.base(), value));
        } else if (value instanceof WmioValue.Objects objects) {
            w.u32(heap.object(objects.objects().get(0)));
        } else {
            scalar(w, type.base(), ((WmioValue.Data) value).value(), heap);
        }
        return w.toByteArray();
    }

    private static void scalar(WmioWriter w, WireType.Base base, CimValue v, Heap heap) {
        switch (base) {
            case SINT8, UINT8 -> w.u8((int) ((CimValue.Int) v).value());
            case SINT16, UINT16 -> w.u16((int) ((CimValue.Int) v).value());
            case SINT32, UINT32 -> w.u32((int) ((CimValue.Int) v).value());
            case SINT64, UINT64 -> w.u64(((CimValue.Int) v).value());
            case REAL32 -> w.u32(Float.floatToRawIntBits((float) ((CimValue.Real) v).value()));
            case REAL64 -> w.u64(Double.doubleToRawLongBits(((CimValue.Real) v).value()));
            case BOOLEAN -> w.u16(((CimValue.Bool) v).value() ? 0xFFFF : 0);
            case CHAR16 -> w.u16(((CimValue.Char16) v).value());
            case STRING, DATETIME -> w.u32(heap.string(v.text()));
            case REFERENCE -> w.u32(heap.string(((CimObjectPath) v).toWmiPath()));
            case OBJECT -> throw new AssertionError("objects are WmioValue.Objects");
        }
    }

    /** NoValue (§2.2.74): every octet of the slot 0xFF. */
    private static byte[] noValue(WireType type) {
        byte[] b = new byte[type.slotSize()];
        java.util.Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    /**
     * Encoded-String (§2.2.78): one octet per character (flag 0) when every character is U+0000..U+00FF, as the
     * specification requires, else UTF-16LE (flag 1); then a null terminator of the same width.
     */
    static byte[] encodedString(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an Encoded-String cannot hold U+0000");
        }
        boolean narrow = s.chars().allMatch(c -> c <= 0xFF);
        byte[] chars = s.getBytes(narrow ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
        WmioWriter w = new WmioWriter().u8(narrow ? 0 : 1).bytes(chars);
        return narrow ? w.u8(0).toByteArray() : w.u16(0).toByteArray();
    }

    /** One heap under construction (§2.2.66): items appended, HeapRefs are their offsets. */
    private static final class Heap {
        private final WmioWriter w = new WmioWriter();

        int add(byte[] item) {
            int at = w.position();
            w.bytes(item);
            return at;
        }

        int string(String s) {
            return add(encodedString(s));
        }

        /** A qualifier name: a DictionaryReference when it is one of the dictionary's, ignoring case (CIM names). */
        int name(String s) {
            for (int i = 0; i < DICTIONARY.size(); i++) {
                if (DICTIONARY.get(i).equalsIgnoreCase(s) && !s.isEmpty()) {
                    return DICTIONARY_FLAG | i;
                }
            }
            return string(s);
        }

        int object(ObjectBlock block) {
            byte[] b = objectBlock(block);
            return add(new WmioWriter().u32(b.length).bytes(b).toByteArray());
        }

        /** Encoded-Array (§2.2.79): ArrayCount and the EncodedValues, then the items they point to. */
        int array(WireType.Base base, WmioValue value) {
            int at = w.position();
            if (value instanceof WmioValue.Objects objects) {
                w.u32(objects.objects().size());
                int refs = w.position();
                objects.objects().forEach(o -> w.u32(0));
                for (int i = 0; i < objects.objects().size(); i++) {
                    w.patchU32(refs + 4 * i, object(objects.objects().get(i)));
                }
                return at;
            }
            List<CimValue> elements = ((CimValue.Array) ((WmioValue.Data) value).value()).elements();
            w.u32(elements.size());
            if (!base.inHeap()) {
                elements.forEach(e -> scalar(w, base, e, this));
                return at;
            }
            int refs = w.position();
            elements.forEach(e -> w.u32(0));
            for (int i = 0; i < elements.size(); i++) {
                CimValue e = elements.get(i);
                w.patchU32(refs + 4 * i, string(e instanceof CimObjectPath p ? p.toWmiPath() : e.text()));
            }
            return at;
        }

        /** HeapLength with its most significant bit set, then the items. */
        void writeTo(WmioWriter out) {
            out.u32(w.position() | HEAP_LENGTH_FLAG).bytes(w.toByteArray());
        }
    }
}
