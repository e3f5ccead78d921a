package org.replprov.engines.windows.wmio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimInterval;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;

/**
 * Encodings that neither the specification's examples nor impacket exercise: reals and extreme integers, embedded
 * objects and arrays of them, instance and property qualifiers (InstPropQualSetFlag 2), intervals, UTF-16 names; and
 * decoding errors that name the rule and offset at fault.
 */
class WmioRoundTripTest {

    private static final WireType STRING = WireType.scalar(WireType.Base.STRING);
    private static final WireType BOOLEAN = WireType.scalar(WireType.Base.BOOLEAN);

    private final WmioCodec codec = WmioCodec.standard();

    @Test
    void valuesOfEveryKindSurviveAnEncodingAndADecoding() throws Exception {
        WmioInstance inner = WmioInstance.of(ClassDefinition.of("Inner", List.of(), List.of(), List.of(
                declared("N", WireType.scalar(WireType.Base.UINT32)))), Map.of("N", data(CimValue.uint32(7))));
        ClassDefinition cls = ClassDefinition.of("Outer_\u00c9t\u00e9", List.of("Base\u2603", "Root"), List.of(),
                List.of(declared("R32", WireType.scalar(WireType.Base.REAL32)),
                        declared("R64", WireType.scalar(WireType.Base.REAL64)),
                        declared("R64s", WireType.arrayOf(WireType.Base.REAL64)),
                        declared("U32", WireType.scalar(WireType.Base.UINT32)),
                        declared("U64", WireType.scalar(WireType.Base.UINT64)),
                        declared("Interval", WireType.scalar(WireType.Base.DATETIME)),
                        declared("C16s", WireType.arrayOf(WireType.Base.CHAR16)),
                        declared("Obj", WireType.scalar(WireType.Base.OBJECT)),
                        declared("Objs", WireType.arrayOf(WireType.Base.OBJECT)),
                        declared("Empty", WireType.arrayOf(WireType.Base.STRING)),
                        declared("Dts", WireType.arrayOf(WireType.Base.DATETIME)),
                        declared("Refs", WireType.arrayOf(WireType.Base.REFERENCE)),
                        declared("Nothing", STRING)));
        ObjectBlock block = ObjectBlock.of(new Decoration("", "root\\default"), WmioInstance.of(cls, values(
                "R32", data(new CimValue.Real(CimType.REAL32, Float.MIN_VALUE)),
                "R64", data(new CimValue.Real(CimType.REAL64, Double.NaN)),
                "R64s", data(new CimValue.Array(CimDataType.REAL64, List.of(new CimValue.Real(CimType.REAL64, -0.0),
                        new CimValue.Real(CimType.REAL64, Double.MAX_VALUE)))),
                "U32", data(CimValue.uint32(0xFFFF_FFFFL)),
                "U64", data(CimValue.uint64(-1L)),
                "Interval", data(CimInterval.parse("00000001020304.000005:000")),
                "C16s", data(new CimValue.Array(CimDataType.CHAR16, List.of(new CimValue.Char16('\u2603')))),
                "Obj", new WmioValue.Objects(false, List.of(ObjectBlock.of(null, inner))),
                "Objs", new WmioValue.Objects(true, List.of(ObjectBlock.of(null, inner), ObjectBlock.of(null,
                        WmioCim.toWmioClass(org.replprov.cim.CimClass.builder("Plain").build())))),
                "Empty", data(CimValue.Array.ofStrings(List.of())),
                "Dts", data(new CimValue.Array(CimDataType.DATETIME, List.of(
                        CimTimestamp.parse("20240115080000.000000+060"), CimTimestamp.DFSR_NEVER))),
                "Refs", data(new CimValue.Array(CimDataType.reference(CimName.of("object")), List.of(
                        CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\"a\""),
                        CimObjectPath.parse("\\\\H\\root\\cimv2:Win32_Service.Name=\"x \\\"y\\\"\"")))))));
        ObjectBlock decoded = codec.decodeEncodingUnit(codec.encodeEncodingUnit(block));
        assertThat(decoded).isEqualTo(block);
        WmioInstance i = (WmioInstance) decoded.object();
        assertThat(i.value("U32")).isEqualTo(data(CimValue.uint32(0xFFFF_FFFFL)));
        assertThat(i.value("Nothing")).isNull();
        assertThat(i.values().get(12).fromDefault()).isTrue();
        assertThat(((WmioValue.Objects) i.value("Objs")).objects()).hasSize(2);
        assertThat(i.currentClass().derivationList()).containsExactly("Base\u2603", "Root");
        // The CIM view leaves the embedded objects out and keeps the rest.
        assertThat(WmioCim.toCimInstance(i).cimClass().property("Obj")).isEmpty();
        assertThat(WmioCim.toCimInstance(i).value("U64")).isEqualTo(CimValue.uint64(-1L));
    }

    @Test
    void instanceAndPropertyQualifiersSurvive() throws Exception {
        ClassDefinition cls = ClassDefinition.of("Q", List.of(), List.of(), List.of(declared("A", STRING),
                declared("B", STRING)));
        Qualifier test = new Qualifier("test", 0, BOOLEAN, data(CimValue.bool(true)));
        WmioInstance instance = new WmioInstance(cls, "Q", List.of(
                new InstanceValue(data(CimValue.string("a")), false, List.of()),
                new InstanceValue(data(CimValue.string("b")), false, List.of(test))),
                List.of(new Qualifier("Note", Qualifier.TO_INSTANCE, STRING, data(CimValue.string("n")))));
        byte[] bytes = codec.encodeObjectBlock(ObjectBlock.of(null, instance));
        // InstPropQualSetFlag 2 (§2.2.65) follows the InstanceQualifierSet.
        assertThat(codec.decodeObjectBlock(bytes).object()).isEqualTo(instance);
    }

    @Test
    void malformedEncodingsNameTheRuleAndOffset() {
        byte[] spec = WmioVectors.read("myclass-instance");
        assertError(with(spec, 0, 0x11), "Signature", 0);
        assertError(Arrays.copyOf(spec, spec.length - 1), "ObjectEncodingLength", 4);
        assertError(Arrays.copyOf(spec, spec.length + 1), "ObjectEncodingLength", 4);
        assertError(with(spec, 8, 0x07), "ObjectFlags", 8);
        // The PropertyLookupTable starts at 0x4C: the first name and PropertyInfo references pointed past the heap.
        assertError(with(spec, 0x4C + 3, 0x01), "PropertyNameRef", 0x4C);
        assertError(with(spec, 0x50 + 2, 0x01), "PropertyInfoRef", 0x50);
        // The ClassHeap's HeapLength (after the NdTable and 16 octets of ValueTable) without its top bit.
        assertError(with(spec, 0x7D + 3, 0x00), "HeapLength", 0x7D);
        // An Encoded-String flag that is neither 0 nor 1 (the DecServerName's).
        assertError(with(spec, 9, 0x05), "DecServerName", 9);
        // An InstPropQualSetFlag of 3.
        assertError(with(spec, spec.length - 0x2B, 0x03), "InstPropQualSetFlag", spec.length - 0x2B);
    }

    @Test
    void limitsBoundTheWork() throws Exception {
        byte[] spec = WmioVectors.read("myclass-instance");
        WmioCodec tight = new WmioCodec(new WmioLimits(1 << 20, 3, 4, 4, 4, 4, 64, 1, 4));
        assertThatThrownBy(() -> tight.decodeEncodingUnit(spec)).isInstanceOf(WmioFormatException.class)
                .hasMessageStartingWith("PropertyCount=4 exceeds the limit of 3");
        WmioCodec small = new WmioCodec(new WmioLimits(100, 16, 4, 4, 4, 4, 64, 1, 4));
        assertThatThrownBy(() -> small.decodeEncodingUnit(spec)).isInstanceOf(WmioFormatException.class)
                .hasMessageContaining("more than the limit of 100");
        // One embedded object is one level of nesting more than a limit of 0 extra levels allows.
        WmioInstance inner = WmioInstance.of(ClassDefinition.of("In", List.of(), List.of(), List.of()), Map.of());
        ClassDefinition outer = ClassDefinition.of("Out", List.of(), List.of(), List.of(
                declared("O", WireType.scalar(WireType.Base.OBJECT))));
        WmioInstance nested = WmioInstance.of(outer, Map.of("O",
                new WmioValue.Objects(false, List.of(ObjectBlock.of(null, inner)))));
        byte[] bytes = codec.encodeObjectBlock(ObjectBlock.of(null, nested));
        assertThat(new WmioCodec(new WmioLimits(1 << 20, 16, 4, 4, 4, 4, 64, 1, 4)).decodeObjectBlock(bytes)
                .object()).isEqualTo(nested);
        WmioInstance deeper = WmioInstance.of(outer, Map.of("O",
                new WmioValue.Objects(false, List.of(ObjectBlock.of(null, nested)))));
        assertThatThrownBy(() -> new WmioCodec(new WmioLimits(1 << 20, 16, 4, 4, 4, 4, 64, 1, 4))
                .decodeObjectBlock(codec.encodeObjectBlock(ObjectBlock.of(null, deeper))))
                .isInstanceOf(WmioFormatException.class).hasMessageStartingWith("objects nested deeper than 1");
    }

    private void assertError(byte[] input, String field, int offset) {
        assertThatThrownBy(() -> codec.decodeEncodingUnit(input)).isInstanceOf(WmioFormatException.class)
                .satisfies(e -> {
                    WmioFormatException w = (WmioFormatException) e;
                    assertThat(w.field()).as(w.getMessage()).isEqualTo(field);
                    assertThat(w.offset()).as(w.getMessage()).isEqualTo(offset);
                    assertThat(w.getMessage()).endsWith(String.format(" at offset 0x%X", offset));
                });
    }

    private static byte[] with(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static ClassDefinition.Declared declared(String name, WireType type) {
        return new ClassDefinition.Declared(name, type, false, 0, List.of(), null);
    }

    private static Map<String, WmioValue> values(Object... nameValue) {
        Map<String, WmioValue> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (WmioValue) nameValue[i + 1]);
        }
        return m;
    }

    private static WmioValue data(CimValue v) {
        return WmioValue.of(v);
    }
}
