package org.replprov.engines.windows.wmio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.mof.MofCompiler;
import org.replprov.repository.ClassRepository;

/**
 * Cross-checks the codec against impacket's MS-WMIO code (python3-impacket), both ways: impacket parses what we
 * encode and what the specification prints, and we decode what impacket encodes (instances it spawns and marshals,
 * and the ExecMethod in-parameters it builds). Fields are compared one by one, in impacket's representation
 * (booleans as {@code True}/{@code False}, characters as numbers).
 *
 * <p>Not compared, because impacket 0.10 does not read them: arrays of datetimes and references (it returns their
 * HeapRefs), embedded objects, and real32/real64 values in instances (it uses the number as a heap offset and
 * fails), which {@link WmioRoundTripTest} covers instead. Qualifier names compare ignoring case, as CIM names do
 * (impacket shows a DictionaryReference in the dictionary's spelling).
 */
class ImpacketCrossCheckTest {

    private static final String NS = MofCompiler.SHIPPED_NAMESPACE;
    private static final ClassRepository REPO = MofCompiler.extendingShippedSchema()
            .compile(Path.of(System.getProperty("basedir", "."), "src/test/resources/cli/query/connections.mof"));
    private static final Decoration FROM = new Decoration("SRV-A", "root\\MicrosoftDfs");

    private static Impacket impacket;
    private final WmioCodec codec = WmioCodec.standard();

    @BeforeAll
    static void start() {
        impacket = Impacket.start();
    }

    @AfterAll
    static void stop() {
        impacket.close();
    }

    @Test
    void impacketReadsTheSpecificationsExamplesAsWeDo() throws Exception {
        for (String vector : List.of("myclass-class", "myclass-instance")) {
            byte[] unit = WmioVectors.read(vector);
            sameObject(codec.decodeEncodingUnit(unit), impacket.parse(unit));
        }
    }

    @Test
    void impacketReadsOurDfsrClassWithItsMethods() throws Exception {
        CimClass dfsr = REPO.requireClass(NS, CimName.of("DfsrConnectionInfo"));
        ObjectBlock block = ObjectBlock.of(FROM, WmioCim.toWmioClass(dfsr));
        JsonNode theirs = impacket.parse(codec.encodeEncodingUnit(block));
        sameObject(block, theirs);
        JsonNode methods = theirs.path("current").path("methods");
        assertThat(names(methods)).containsExactlyInAnyOrder("CheckConnectivity", "ForceDownload",
                "ForceFolderReplication", "ForceReplication");
        assertThat(texts(methods.path("ForceReplication").path("in")))
                .containsExactly("Mode", "DurationInMin", "Bandwidth");
        assertThat(texts(methods.path("ForceReplication").path("out"))).containsExactly("ReturnValue");
        assertThat(texts(methods.path("CheckConnectivity").path("in"))).isEmpty();
        assertThat(theirs.path("current").path("properties").path("ConnectionGuid").path("qualifiers")
                .path("key").asText()).isEqualTo("True");
    }

    @Test
    void impacketReadsOurDfsrInstances() throws Exception {
        for (CimInstance instance : REPO.instances(NS)) {
            ObjectBlock block = WmioCim.toObjectBlock(instance, FROM);
            sameObject(block, impacket.parse(codec.encodeEncodingUnit(block)));
        }
    }

    @Test
    void impacketReadsOurValuesOfEveryType() throws Exception {
        ObjectBlock block = ObjectBlock.of(FROM, everyType());
        sameObject(block, impacket.parse(codec.encodeEncodingUnit(block)));
    }

    @Test
    void weReadInstancesImpacketSpawnsAndMarshals() throws Exception {
        WmioInstance ours = everyType();
        byte[] classUnit = codec.encodeEncodingUnit(ObjectBlock.of(FROM, new WmioClass(ClassDefinition.NONE,
                List.of(), ours.currentClass(), List.of())));
        var values = Impacket.object().put("Key", "k-1").put("U8", 200).put("S8", -100).put("U16", 65000)
                .put("S16", -30000).put("U32", 4_000_000_000L).put("S32", -2_000_000_000).put("U64", 1L << 40)
                .put("S64", -(1L << 40)).put("B", true).put("C", 0x263A)
                .put("Dt", "20240115080000.000000+000").put("Text", "plain text");
        values.putArray("U32s").add(1).add(2).add(4_000_000_000L);
        WmioInstance theirs = (WmioInstance) codec.decodeEncodingUnit(impacket.spawn(classUnit, values)).object();

        assertThat(theirs.className()).isEqualTo("ReplProv_WmioTypes");
        assertThat(theirs.value("Key")).isEqualTo(data(CimValue.string("k-1")));
        assertThat(theirs.value("U8")).isEqualTo(data(CimValue.uint8(200)));
        assertThat(theirs.value("S8")).isEqualTo(data(CimValue.Int.of(CimType.SINT8, -100)));
        assertThat(theirs.value("U16")).isEqualTo(data(CimValue.uint16(65000)));
        assertThat(theirs.value("S16")).isEqualTo(data(CimValue.Int.of(CimType.SINT16, -30000)));
        assertThat(theirs.value("U32")).isEqualTo(data(CimValue.uint32(4_000_000_000L)));
        assertThat(theirs.value("S32")).isEqualTo(data(CimValue.sint32(-2_000_000_000)));
        assertThat(theirs.value("U64")).isEqualTo(data(CimValue.uint64(1L << 40)));
        assertThat(theirs.value("S64")).isEqualTo(data(CimValue.sint64(-(1L << 40))));
        assertThat(theirs.value("B")).isEqualTo(data(CimValue.bool(true)));
        assertThat(theirs.value("C")).isEqualTo(data(new CimValue.Char16('\u263A')));
        assertThat(theirs.value("Dt")).isEqualTo(data(CimTimestamp.parse("20240115080000.000000+000")));
        assertThat(theirs.value("Text")).isEqualTo(data(CimValue.string("plain text")));
        assertThat(theirs.value("U32s")).isEqualTo(data(new CimValue.Array(CimDataType.UINT32,
                List.of(CimValue.uint32(1), CimValue.uint32(2), CimValue.uint32(4_000_000_000L)))));
        // Not set: NULL.
        assertThat(theirs.value("Strs")).isNull();
        assertThat(theirs.value("Ref")).isNull();
    }

    @Test
    void weReadTheInParametersImpacketSendsToExecMethod() throws Exception {
        CimClass dfsr = REPO.requireClass(NS, CimName.of("DfsrConnectionInfo"));
        byte[] classUnit = codec.encodeEncodingUnit(ObjectBlock.of(FROM, WmioCim.toWmioClass(dfsr)));

        ObjectBlock force = codec.decodeEncodingUnit(impacket.call(classUnit, "ForceReplication", 2, 5, 15));
        assertThat(force.flags()).isEqualTo(ObjectBlock.INSTANCE);
        WmioInstance in = (WmioInstance) force.object();
        assertThat(in.className()).isEqualTo(WmioCim.PARAMETERS);
        CimInstance params = WmioCim.toCimInstance(in);
        assertThat(params.value("Mode")).isEqualTo(CimValue.uint32(2));
        assertThat(params.value("DurationInMin")).isEqualTo(CimValue.uint32(5));
        assertThat(params.value("Bandwidth")).isEqualTo(CimValue.uint32(15));

        // impacket sends string arguments as UTF-16 Encoded-Strings (flag 1).
        String folder = "{5A7BC1B9-93E7-4D1E-9E0F-3A3F3C1D9A01}";
        String uid = "{D3B0C7A1-0000-4000-8000-000000000001}-v42 \u00e9\u263A";
        WmioInstance download = (WmioInstance) codec.decodeEncodingUnit(
                impacket.call(classUnit, "ForceDownload", folder, uid)).object();
        assertThat(download.value("ReplicatedFolderGuid")).isEqualTo(data(CimValue.string(folder)));
        assertThat(download.value("Uid")).isEqualTo(data(CimValue.string(uid)));
    }

    // ---- an instance of a class with every type ---------------------------------------------------------------

    private static WmioInstance everyType() {
        List<ClassDefinition.Declared> props = new ArrayList<>();
        Qualifier key = new Qualifier("key", 0x13, WireType.scalar(WireType.Base.BOOLEAN), data(CimValue.bool(true)));
        props.add(declared("Key", WireType.Base.STRING, false, List.of(key)));
        for (String[] p : new String[][] {{"U8", "UINT8"}, {"S8", "SINT8"}, {"U16", "UINT16"}, {"S16", "SINT16"},
                {"U32", "UINT32"}, {"S32", "SINT32"}, {"U64", "UINT64"}, {"S64", "SINT64"}, {"B", "BOOLEAN"}, {"C", "CHAR16"}, {"Dt", "DATETIME"}, {"Text", "STRING"}}) {
            props.add(declared(p[0], WireType.Base.valueOf(p[1]), false, List.of()));
        }
        props.add(new ClassDefinition.Declared("Ref", WireType.scalar(WireType.Base.REFERENCE), false, 0,
                List.of(new Qualifier(Qualifier.CIMTYPE, 3, WireType.scalar(WireType.Base.STRING),
                        data(CimValue.string("ref:DfsrConnectionInfo")))), null));
        props.add(declared("U32s", WireType.Base.UINT32, true, List.of()));
        props.add(declared("Strs", WireType.Base.STRING, true, List.of()));
        props.add(declared("Bools", WireType.Base.BOOLEAN, true, List.of()));
        ClassDefinition cls = ClassDefinition.of("ReplProv_WmioTypes", List.of(), List.of(
                new Qualifier("Description", 0, WireType.scalar(WireType.Base.STRING),
                        data(CimValue.string("Every CIM type, for the cross-check")))), props);
        return WmioInstance.of(cls, Map.ofEntries(
                Map.entry("Key", data(CimValue.string("k-\u00e9\u263A"))),
                Map.entry("U8", data(CimValue.uint8(255))),
                Map.entry("S8", data(CimValue.Int.of(CimType.SINT8, -128))),
                Map.entry("U16", data(CimValue.uint16(65535))),
                Map.entry("S16", data(CimValue.Int.of(CimType.SINT16, -1))),
                // impacket reads the scalar 0xFFFFFFFF as NULL (its NoValue), so the largest is one less.
                Map.entry("U32", data(CimValue.uint32(0xFFFF_FFFEL))),
                Map.entry("S32", data(CimValue.sint32(Integer.MIN_VALUE))),
                Map.entry("U64", data(CimValue.uint64(-1L))),
                Map.entry("S64", data(CimValue.sint64(Long.MIN_VALUE))),
                Map.entry("B", data(CimValue.bool(false))),
                Map.entry("C", data(new CimValue.Char16('\u00e9'))),
                Map.entry("Dt", data(CimTimestamp.parse("99990101000000.000000+000"))),
                Map.entry("Text", data(CimValue.string("Gr\u00fc\u00dfe \u2603 \"quoted\" \\ back"))),
                Map.entry("Ref", data(CimObjectPath.parse(
                        "\\\\SRV-A\\root\\MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=\"abc\""))),
                Map.entry("U32s", data(new CimValue.Array(CimDataType.UINT32,
                        List.of(CimValue.uint32(0), CimValue.uint32(7), CimValue.uint32(0xFFFF_FFFFL))))),
                Map.entry("Strs", data(CimValue.Array.ofStrings(List.of("one", "", "dr\u00e9i \u2603")))),
                Map.entry("Bools", data(new CimValue.Array(CimDataType.BOOLEAN,
                        List.of(CimValue.bool(true), CimValue.bool(false)))))));
    }

    private static ClassDefinition.Declared declared(String name, WireType.Base base, boolean array,
                                                     List<Qualifier> qualifiers) {
        return new ClassDefinition.Declared(name, new WireType(base, array), false, 0, qualifiers, null);
    }

    private static WmioValue data(CimValue v) {
        return WmioValue.of(v);
    }

    // ---- comparison in impacket's representation --------------------------------------------------------------

    private static void sameObject(ObjectBlock ours, JsonNode theirs) {
        assertThat(theirs.path("flags").asInt()).isEqualTo(ours.flags());
        assertThat(theirs.path("kind").asText()).isEqualTo(ours.isClass() ? "class" : "instance");
        if (ours.decoration() != null) {
            assertThat(theirs.path("server").asText()).isEqualTo(ours.decoration().server());
            assertThat(theirs.path("namespace").asText()).isEqualTo(ours.decoration().namespace());
        }
        if (ours.object() instanceof WmioClass c) {
            sameClass(c.current(), null, theirs.path("current"));
            if (c.parent().name() != null) {
                sameClass(c.parent(), null, theirs.path("parent"));
            }
        } else {
            WmioInstance i = (WmioInstance) ours.object();
            sameClass(i.currentClass(), i, theirs.path("current"));
        }
    }

    private static void sameClass(ClassDefinition ours, WmioInstance instance, JsonNode theirs) {
        assertThat(theirs.path("name").asText()).isEqualTo(ours.name());
        assertThat(texts(theirs.path("superclasses"))).containsExactlyElementsOf(ours.derivationList());
        sameQualifiers(ours.qualifiers(), theirs.path("qualifiers"), ours.name());
        JsonNode props = theirs.path("properties");
        assertThat(names(props)).containsExactlyInAnyOrderElementsOf(
                ours.properties().stream().map(PropertyDefinition::name).toList());
        for (int i = 0; i < ours.properties().size(); i++) {
            PropertyDefinition p = ours.properties().get(i);
            JsonNode t = props.path(p.name());
            String where = ours.name() + "." + p.name();
            assertThat(t.path("type").asInt()).as(where)
                    .isEqualTo(p.type().code() | (p.inherited() ? WireType.INHERITED_FLAG : 0));
            assertThat(t.path("order").asInt()).as(where).isEqualTo(p.declarationOrder());
            assertThat(t.path("inherited").asBoolean()).as(where).isEqualTo(p.inherited());
            sameQualifiers(p.qualifiers(), t.path("qualifiers"), where);
            if (instance == null) {
                // impacket shows a class default only when its slot is neither 0 nor 0xFFFFFFFF, so it also
                // shows the NoValue of slots narrower than four octets (0xFFFF) as a value: compare real defaults.
                if (p.defaultValue() != null && !t.path("value").isNull()) {
                    assertThat(t.path("value").asText()).as(where).isEqualTo(text(p.defaultValue(), false));
                }
                continue;
            }
            InstanceValue v = instance.values().get(i);
            assertThat(t.path("null_default").asBoolean()).as(where).isEqualTo(v.value() == null);
            assertThat(t.path("inherited_default").asBoolean()).as(where).isEqualTo(v.fromDefault());
            boolean unread = p.type().array() && (p.type().base() == WireType.Base.DATETIME
                    || p.type().base() == WireType.Base.REFERENCE);
            if (v.value() != null && !v.fromDefault() && !unread) {
                assertThat(impacketText(t.path("value"))).as(where).isEqualTo(text(v.value(), false));
            }
        }
    }

    private static void sameQualifiers(List<Qualifier> ours, JsonNode theirs, String where) {
        assertThat(names(theirs).stream().map(n -> n.toUpperCase(Locale.ROOT))).as(where)
                .containsExactlyInAnyOrderElementsOf(ours.stream().map(q -> q.name().toUpperCase(Locale.ROOT)).toList());
        for (Qualifier q : ours) {
            String name = names(theirs).stream().filter(q.name()::equalsIgnoreCase).findFirst().orElseThrow();
            assertThat(impacketText(theirs.path(name))).as(where + " [" + q.name() + "]")
                    .isEqualTo(text(q.value(), false));
        }
    }

    /** A value as impacket renders it: booleans True/False, in arrays 65535/0; characters as numbers. */
    private static String text(WmioValue value, boolean inArray) {
        CimValue v = ((WmioValue.Data) value).value();
        if (v instanceof CimValue.Array a) {
            return a.elements().stream().map(e -> text(WmioValue.of(e), true))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof CimValue.Bool b) {
            return inArray ? (b.value() ? "65535" : "0") : (b.value() ? "True" : "False");
        }
        if (v instanceof CimValue.Char16 c) {
            return Integer.toString(c.value());
        }
        if (v instanceof CimValue.Int i) {
            return i.bigValue().toString();
        }
        if (v instanceof CimValue.Real r) {
            return Double.toString(r.value());
        }
        return v instanceof CimObjectPath p ? p.toWmiPath() : v.text();
    }

    private static String impacketText(JsonNode node) {
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(e -> parts.add(impacketText(e)));
            return parts.stream().collect(Collectors.joining(", ", "[", "]"));
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return node.isNumber() ? Double.toString(node.doubleValue()) : node.asText();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(e -> texts.add(e.asText()));
        return texts;
    }
}
