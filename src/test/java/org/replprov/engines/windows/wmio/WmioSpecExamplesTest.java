package org.replprov.engines.windows.wmio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimValue;

/**
 * The worked examples of MS-WMIO §3 and §3.1, byte for byte as the specification prints them, decoded field by field
 * against the specification's own decoding tables; and the instance example re-encoded to the very same octets.
 */
class WmioSpecExamplesTest {

    private final WmioCodec codec = WmioCodec.standard();

    @Test
    void baseClassDecodesAsTheSpecificationsTableSays() throws Exception {
        byte[] unit = WmioVectors.read("base-class");
        // The printed ObjectEncodingLength (0xD0) claims 16 octets more than follow (§3 says it is larger than
        // needed): as an EncodingUnit it is refused, naming the length; its ObjectBlock decodes.
        assertThatThrownBy(() -> codec.decodeEncodingUnit(unit)).isInstanceOf(WmioFormatException.class)
                .satisfies(e -> assertThat(((WmioFormatException) e).field()).isEqualTo("ObjectEncodingLength"))
                .satisfies(e -> assertThat(((WmioFormatException) e).offset()).isEqualTo(4));
        ObjectBlock block = codec.decodeObjectBlock(Arrays.copyOfRange(unit, 8, unit.length));

        assertThat(block.flags()).isEqualTo(0x05);
        assertThat(block.decoration()).isEqualTo(new Decoration("DPRAVAT-DEV", "ROOT"));
        WmioClass base = (WmioClass) block.object();
        assertThat(base.parent()).isEqualTo(ClassDefinition.NONE);
        assertThat(base.parent().name()).isNull();
        assertThat(base.parentMethods()).isEmpty();
        ClassDefinition current = base.current();
        assertThat(current.name()).isEqualTo("Base");
        assertThat(current.derivationList()).isEmpty();
        assertThat(current.qualifiers()).isEmpty();
        assertThat(current.valueTableLength()).isEqualTo(4);
        assertThat(current.properties()).hasSize(1);
        PropertyDefinition id = current.properties().get(0);
        assertThat(id.name()).isEqualTo("Id");
        assertThat(id.type()).isEqualTo(WireType.scalar(WireType.Base.SINT32));
        assertThat(id.inherited()).isFalse();
        assertThat(id.classOfOrigin()).isZero();
        // NdTable 0x05: bits 01, a NULL default set by this class; the ValueTable holds NoValue.
        assertThat(id.defaultNull()).isTrue();
        assertThat(id.defaultInherited()).isFalse();
        assertThat(id.defaultValue()).isNull();
        assertThat(id.qualifiers()).containsExactly(
                new Qualifier("CIMTYPE", 0x03, WireType.scalar(WireType.Base.STRING), str("sint32")),
                new Qualifier("key", 0x13, WireType.scalar(WireType.Base.BOOLEAN), WmioValue.of(CimValue.bool(true))));
        assertThat(base.methods()).isEmpty();
        // The ClassPart is kept as read, EncodingLength 0x66.
        assertThat(current.encoded()).hasSize(0x66);
    }

    @Test
    void myClassDecodesAsTheSpecificationsTableSays() throws Exception {
        ObjectBlock block = codec.decodeEncodingUnit(WmioVectors.read("myclass-class"));
        WmioClass myClass = (WmioClass) block.object();
        assertThat(myClass.parent().name()).isEqualTo("Base");
        assertThat(myClass.parent().properties()).extracting(PropertyDefinition::name).containsExactly("Id");
        assertThat(myClass.parentMethods()).isEmpty();

        ClassDefinition c = myClass.current();
        assertThat(c.name()).isEqualTo("MyClass");
        assertThat(c.derivationList()).containsExactly("Base");
        assertThat(c.qualifiers()).containsExactly(
                new Qualifier("Description", 0x00, WireType.scalar(WireType.Base.STRING), str("MyClass Example")));
        assertThat(c.properties()).extracting(PropertyDefinition::name)
                .containsExactly("Id", "Data1", "Data2", "Array");
        assertThat(c.valueTableLength()).isEqualTo(16);

        PropertyDefinition id = c.property("Id").orElseThrow();
        assertThat(id.inherited()).isTrue();
        assertThat(id.classOfOrigin()).isZero();
        assertThat(id.defaultNull()).isTrue();
        assertThat(id.defaultInherited()).isTrue();
        assertThat(id.qualifiers()).extracting(Qualifier::name, Qualifier::flavor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CIMTYPE", 0x23),
                        org.assertj.core.groups.Tuple.tuple("key", 0x33));

        PropertyDefinition data1 = c.property("data1").orElseThrow();
        assertThat(data1.type()).isEqualTo(WireType.scalar(WireType.Base.STRING));
        assertThat(data1.declarationOrder()).isEqualTo(1);
        assertThat(data1.valueTableOffset()).isEqualTo(4);
        assertThat(data1.classOfOrigin()).isEqualTo(1);
        assertThat(data1.defaultValue()).isNull();
        assertThat(data1.qualifiers()).extracting(Qualifier::name).containsExactly("CIMTYPE", "read", "write");

        PropertyDefinition data2 = c.property("Data2").orElseThrow();
        assertThat(data2.defaultNull()).isFalse();
        assertThat(data2.defaultValue()).isEqualTo(str("defaultValue"));
        assertThat(data2.valueTableOffset()).isEqualTo(8);

        PropertyDefinition array = c.property("Array").orElseThrow();
        assertThat(array.type()).isEqualTo(WireType.arrayOf(WireType.Base.UINT32));
        assertThat(array.type().code()).isEqualTo(0x2013);
        assertThat(array.declarationOrder()).isEqualTo(3);
        assertThat(array.valueTableOffset()).isEqualTo(12);
        assertThat(array.cimTypeText()).contains("uint32");
        assertThat(myClass.methods()).isEmpty();
    }

    @Test
    void myClassInstanceDecodesAsTheSpecificationsTableSays() throws Exception {
        ObjectBlock block = codec.decodeEncodingUnit(WmioVectors.read("myclass-instance"));
        assertThat(block.flags()).isEqualTo(0x06);
        assertThat(block.decoration()).isEqualTo(new Decoration("DPRAVAT-DEV", "ROOT"));
        WmioInstance instance = (WmioInstance) block.object();
        assertThat(instance.className()).isEqualTo("MyClass");
        assertThat(instance.currentClass().name()).isEqualTo("MyClass");
        assertThat(instance.qualifiers()).isEmpty();
        assertThat(instance.value("Id")).isEqualTo(WmioValue.of(CimValue.sint32(123)));
        assertThat(instance.value("Data1")).isEqualTo(str("StringField"));
        assertThat(instance.value("Array")).isEqualTo(WmioValue.of(new CimValue.Array(
                org.replprov.cim.CimDataType.UINT32, List.of(CimValue.uint32(1), CimValue.uint32(2),
                CimValue.uint32(3)))));
        // NdTable 0x20: Data2 takes the class default.
        InstanceValue data2 = instance.values().get(2);
        assertThat(data2.fromDefault()).isTrue();
        assertThat(data2.value()).isEqualTo(str("defaultValue"));
        assertThat(instance.values()).filteredOn(v -> !v.qualifiers().isEmpty()).isEmpty();
    }

    @Test
    void myClassInstanceReencodesToTheSpecificationsOctets() throws Exception {
        byte[] spec = WmioVectors.read("myclass-instance");
        ObjectBlock block = codec.decodeEncodingUnit(spec);
        assertThat(WmioVectors.hex(codec.encodeEncodingUnit(block))).isEqualTo(WmioVectors.hex(spec));
        // The same instance without its class, decoded again with the class supplied.
        WmioInstance instance = (WmioInstance) block.object();
        byte[] noClass = codec.encodeInstanceNoClass(block);
        assertThat(noClass).hasSize(spec.length - 8 - instance.currentClass().encoded().length);
        ObjectBlock again = codec.decodeInstanceNoClass(noClass, instance.currentClass());
        assertThat(again).isEqualTo(block);
    }

    @Test
    void myClassReencodesToAnEquivalentClass() throws Exception {
        ObjectBlock block = codec.decodeEncodingUnit(WmioVectors.read("myclass-class"));
        byte[] ours = codec.encodeEncodingUnit(block);
        assertThat(codec.decodeEncodingUnit(ours)).isEqualTo(block);
    }

    private static WmioValue str(String s) {
        return WmioValue.of(CimValue.string(s));
    }
}
