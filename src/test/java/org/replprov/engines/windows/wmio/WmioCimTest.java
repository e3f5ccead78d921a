package org.replprov.engines.windows.wmio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.mof.MofCompiler;
import org.replprov.repository.ClassRepository;

/**
 * The shipped DfsrConnectionInfo class and MOF-declared instances of it, encoded as a Windows member would send
 * them, decoded, and compared with the originals through the CIM model.
 */
class WmioCimTest {

    private static final String NS = MofCompiler.SHIPPED_NAMESPACE;
    private static final ClassRepository REPO = MofCompiler.extendingShippedSchema()
            .compile(Path.of(System.getProperty("basedir", "."), "src/test/resources/cli/query/connections.mof"));
    private static final CimClass DFSR = REPO.requireClass(NS, CimName.of("DfsrConnectionInfo"));
    private static final Decoration FROM = new Decoration("SRV-A", "root\\MicrosoftDfs");

    private final WmioCodec codec = WmioCodec.standard();

    @Test
    void dfsrConnectionInfoClassSurvivesTheWire() throws Exception {
        WmioClass wire = WmioCim.toWmioClass(DFSR);
        ObjectBlock decoded = codec.decodeEncodingUnit(codec.encodeEncodingUnit(ObjectBlock.of(FROM, wire)));
        assertThat(decoded.object()).isEqualTo(wire);
        WmioClass cls = (WmioClass) decoded.object();

        assertThat(cls.current().derivationList()).containsExactly("CIM_LogicalElement",
                "CIM_ManagedSystemElement");
        assertThat(cls.parent().name()).isEqualTo("CIM_LogicalElement");
        PropertyDefinition guid = cls.current().property("ConnectionGuid").orElseThrow();
        assertThat(guid.qualifier("key")).isPresent();
        assertThat(guid.cimTypeText()).contains("string");
        // The shipped MOF redeclares the inherited properties, so the class itself is the origin of all (2, the
        // DerivationList's size); in the ParentClass, Caption comes from the top-most class: origin 0 (§3.2).
        assertThat(cls.current().properties()).allSatisfy(p -> {
            assertThat(p.classOfOrigin()).isEqualTo(2);
            assertThat(p.inherited()).isFalse();
        });
        PropertyDefinition caption = cls.parent().property("Caption").orElseThrow();
        assertThat(caption.classOfOrigin()).isZero();
        assertThat(caption.inherited()).isTrue();
        assertThat(cls.current().property("LastSyncTime").orElseThrow().cimTypeText()).contains("datetime");

        MethodDefinition force = cls.method("ForceReplication").orElseThrow();
        assertThat(force.inParameters().orElseThrow().name()).isEqualTo(WmioCim.PARAMETERS);
        assertThat(force.inParameters().orElseThrow().properties()).extracting(PropertyDefinition::name)
                .containsExactly("Mode", "DurationInMin", "Bandwidth");
        assertThat(force.outParameters().orElseThrow().properties()).extracting(PropertyDefinition::name)
                .containsExactly(WmioCim.RETURN_VALUE);

        CimClass back = WmioCim.toCimClass(cls);
        assertThat(back.name()).isEqualTo(DFSR.name());
        assertThat(back.isA(CimName.of("CIM_ManagedSystemElement"))).isTrue();
        assertThat(back.properties()).extracting(p -> p.name().toString(), CimProperty::dataType)
                .containsExactlyElementsOf(DFSR.properties().stream()
                        .map(p -> org.assertj.core.groups.Tuple.tuple(p.name().toString(), p.dataType())).toList());
        assertThat(back.keys()).extracting(CimProperty::name).containsExactly(CimName.of("ConnectionGuid"));
        for (CimMethod m : DFSR.methods()) {
            CimMethod b = back.method(m.name()).orElseThrow();
            assertThat(b.returnType()).isEqualTo(m.returnType());
            assertThat(b.parameters()).extracting(CimParameter::name, CimParameter::dataType, CimParameter::isIn)
                    .containsExactlyElementsOf(m.parameters().stream().map(p -> org.assertj.core.groups.Tuple.tuple(
                            p.name(), p.dataType(), p.isIn())).toList());
        }
    }

    @Test
    void mofInstancesSurviveTheWireWithAndWithoutTheirClass() throws Exception {
        List<CimInstance> instances = REPO.instances(NS);
        assertThat(instances).hasSizeGreaterThanOrEqualTo(3);
        ClassDefinition cached = null;
        for (CimInstance original : instances) {
            ObjectBlock block = WmioCim.toObjectBlock(original, FROM);
            ObjectBlock decoded = codec.decodeEncodingUnit(codec.encodeEncodingUnit(block));
            assertThat(decoded).isEqualTo(block);
            CimInstance back = WmioCim.toCimInstance((WmioInstance) decoded.object());
            for (CimProperty p : DFSR.properties()) {
                assertThat(back.value(p.name())).as(p.name().toString()).isEqualTo(original.value(p.name()));
            }
            assertThat(back.path()).isEqualTo(original.path());
            // Later instances of an ObjectArray travel without their class (MS-WMI §2.2.14.4).
            if (cached == null) {
                cached = ((WmioInstance) decoded.object()).currentClass();
            }
            assertThat(codec.decodeInstanceNoClass(codec.encodeInstanceNoClass(block), cached)).isEqualTo(block);
        }
        CimInstance inError = instances.get(0);
        assertThat(inError.value("LastSuccessfulSyncTime"))
                .isEqualTo(CimTimestamp.parse("20240115080000.000000+000"));
    }

    @Test
    void methodInParametersAreAnInstanceOfTheInputSignature() throws Exception {
        WmioClass cls = (WmioClass) codec.decodeEncodingUnit(codec.encodeEncodingUnit(
                ObjectBlock.of(FROM, WmioCim.toWmioClass(DFSR)))).object();
        ClassDefinition in = cls.method("ForceReplication").orElseThrow().inParameters().orElseThrow();
        WmioInstance params = WmioInstance.of(in, Map.of("Mode", WmioValue.of(CimValue.uint32(2)),
                "DurationInMin", WmioValue.of(CimValue.uint32(5)), "Bandwidth", WmioValue.of(CimValue.uint32(15))));
        // impacket and Windows send in-parameters without decoration (flags 0x02).
        byte[] sent = codec.encodeEncodingUnit(ObjectBlock.of(null, params));
        WmioInstance received = (WmioInstance) codec.decodeEncodingUnit(sent).object();
        assertThat(received.className()).isEqualTo(WmioCim.PARAMETERS);
        assertThat(received.value("DurationInMin")).isEqualTo(WmioValue.of(CimValue.uint32(5)));
        assertThat(WmioCim.toCimInstance(received).value("Bandwidth")).isEqualTo(CimValue.uint32(15));
    }
}
