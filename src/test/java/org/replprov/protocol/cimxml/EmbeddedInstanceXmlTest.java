package org.replprov.protocol.cimxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.mof.MofCompiler;
import org.replprov.operation.Operation;
import org.replprov.operation.OperationService;
import org.replprov.protocol.DeferredResponse;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.Request;
import org.replprov.provider.spi.Caller;
import org.replprov.provider.spi.MethodProvider;
import org.replprov.provider.spi.MethodResult;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.repository.ClassRepository;

/**
 * Embedded instances in CIM-XML (DSP0201: a string-typed PARAMVALUE marked {@code EmbeddedObject="instance"} whose
 * VALUE, or each VALUE of a VALUE.ARRAY, holds an escaped INSTANCE): the backlog method's array of DfsrIdRecordInfo
 * records written out, and an embedded-instance in parameter read back through the reader, the object manager and
 * the writer.
 */
class EmbeddedInstanceXmlTest {

    private static final String NS = "root/MicrosoftDfs";
    /** The shipped schema and a test class whose method takes embedded ID records in and hands them back. */
    private static final ClassRepository SCHEMA = MofCompiler.extendingShippedSchema().compileText("sink.mof", """
            class ReplProvTest_Sink
            {
                [Key] string Id;
                uint32 Echo([In, ID(0), EmbeddedInstance("DfsrIdRecordInfo")] string Records[],
                            [In, ID(1), EmbeddedInstance("DfsrIdRecordInfo")] string One,
                            [In(false), Out, ID(2), EmbeddedInstance("DfsrIdRecordInfo")] string Same[]);
            };
            """);
    private static final CimClass ID_RECORD = SCHEMA.requireClass(NS, CimName.of("DfsrIdRecordInfo"));
    private static final CimMethod BACKLOG = SCHEMA.requireClass(NS, CimName.of("DfsrReplicatedFolderInfo"))
            .method(CimName.of("GetOutboundBacklogFileIdRecords")).orElseThrow();
    private static final String RF = "1D69BB80-C1DC-4D87-8259-BBD9639C2A7F";

    private static CimValue.Embedded record(int version, String fileName) {
        CimInstance i = CimInstance.builder(ID_RECORD)
                .set("Uid", "{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v" + version)
                .set("FileName", fileName)
                .set("Flags", CimValue.uint8(5))
                .set("ReplicatedFolderGuid", RF)
                .build();
        return new CimValue.Embedded(i.project(List.of(CimName.of("FileName"), CimName.of("Flags"),
                CimName.of("ReplicatedFolderGuid"))).validate());
    }

    private static final CimValue.Array RECORDS = new CimValue.Array(CimDataType.STRING,
            List.of(record(538, "report.docx"), record(539, "a & b <c>.txt")));

    private static String write(Consumer<CimXmlWriter> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CimXmlWriter w = new CimXmlWriter(out, CimXmlWriter.View.PLAIN);
        body.accept(w);
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The INSTANCE of one record as its VALUE carries it, escaped once. */
    private static String escapedRecord(int version, String escapedTwiceFileName) {
        return "&lt;INSTANCE CLASSNAME=\"DfsrIdRecordInfo\"&gt;"
                + "&lt;PROPERTY NAME=\"Uid\" TYPE=\"string\"&gt;&lt;VALUE&gt;{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v"
                + version + "&lt;/VALUE&gt;&lt;/PROPERTY&gt;"
                + "&lt;PROPERTY NAME=\"Flags\" TYPE=\"uint8\"&gt;&lt;VALUE&gt;5&lt;/VALUE&gt;&lt;/PROPERTY&gt;"
                + "&lt;PROPERTY NAME=\"FileName\" TYPE=\"string\"&gt;&lt;VALUE&gt;" + escapedTwiceFileName
                + "&lt;/VALUE&gt;&lt;/PROPERTY&gt;"
                + "&lt;PROPERTY NAME=\"ReplicatedFolderGuid\" TYPE=\"string\"&gt;&lt;VALUE&gt;" + RF
                + "&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;";
    }

    private static final String RECORDS_XML = "<VALUE.ARRAY><VALUE>" + escapedRecord(538, "report.docx")
            + "</VALUE><VALUE>" + escapedRecord(539, "a &amp;amp; b &amp;lt;c&amp;gt;.txt") + "</VALUE></VALUE.ARRAY>";

    @Test
    void backlogResultCarriesTheRecordsAsAnArrayOfEscapedInstances() {
        String xml = write(w -> {
            w.returnValue(BACKLOG, CimValue.uint32(0));
            w.paramValue(BACKLOG.parameter(CimName.of("BacklogIdRecords")).orElseThrow(), RECORDS);
            w.paramValue(BACKLOG.parameter(CimName.of("IdRecordIndex")).orElseThrow(), CimValue.uint32(539));
        });
        assertThat(xml).isEqualTo("<RETURNVALUE PARAMTYPE=\"uint32\"><VALUE>0</VALUE></RETURNVALUE>"
                + "<PARAMVALUE NAME=\"BacklogIdRecords\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\">"
                + RECORDS_XML + "</PARAMVALUE>"
                + "<PARAMVALUE NAME=\"IdRecordIndex\" PARAMTYPE=\"uint32\"><VALUE>539</VALUE></PARAMVALUE>");
    }

    @Test
    void anEmptyOrNullRecordListStillSaysItEmbeds() {
        String xml = write(w -> {
            w.paramValue(BACKLOG.parameter(CimName.of("BacklogIdRecords")).orElseThrow(),
                    new CimValue.Array(CimDataType.STRING, List.of()));
            w.paramValue(BACKLOG.parameter(CimName.of("BacklogIdRecords")).orElseThrow(), null);
        });
        assertThat(xml).isEqualTo("<PARAMVALUE NAME=\"BacklogIdRecords\" PARAMTYPE=\"string\" "
                + "EmbeddedObject=\"instance\"><VALUE.ARRAY></VALUE.ARRAY></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"BacklogIdRecords\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\">"
                + "</PARAMVALUE>");
    }

    // ---- reading in parameters ----------------------------------------------------------------------------------

    private static byte[] call(String paramValues) {
        return ("<?xml version=\"1.0\" encoding=\"utf-8\" ?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"1001\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><METHODCALL NAME=\"Echo\">"
                + "<LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"MicrosoftDfs\"/>"
                + "</LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"ReplProvTest_Sink\"><KEYBINDING NAME=\"Id\">"
                + "<KEYVALUE VALUETYPE=\"string\">s</KEYVALUE></KEYBINDING></INSTANCENAME></LOCALINSTANCEPATH>"
                + paramValues + "</METHODCALL></SIMPLEREQ></MESSAGE></CIM>").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<CimName, CimValue> readParameters(byte[] body) {
        Operation op = new CimXmlReader(CimXmlReader.Limits.DEFAULT).read(body).operation(SCHEMA);
        return ((Operation.InvokeMethod) op).parameters();
    }

    /** What the writer makes of {@code value} as parameter {@code name} of Echo: what a client sends. */
    private static String paramValue(String name, CimValue value) {
        CimMethod echo = SCHEMA.requireClass(NS, CimName.of("ReplProvTest_Sink")).method(CimName.of("Echo"))
                .orElseThrow();
        return write(w -> w.paramValue(echo.parameter(CimName.of(name)).orElseThrow(), value));
    }

    @Test
    void anEmbeddedInstanceInParameterRoundTripsThroughTheReader() {
        Map<CimName, CimValue> params = readParameters(call(paramValue("Records", RECORDS)
                + paramValue("One", record(540, "x.txt"))));
        assertThat(params.get(CimName.of("Records"))).isEqualTo(RECORDS);
        assertThat(params.get(CimName.of("One"))).isEqualTo(record(540, "x.txt"));
    }

    @Test
    void anUnmarkedParameterIsReadAsTheMethodDeclaresIt() {
        // A client that leaves out EmbeddedObject (DSP0201 before 2.2) still sends the INSTANCE as text.
        String unmarked = paramValue("Records", RECORDS).replace(" EmbeddedObject=\"instance\"", "");
        assertThat(unmarked).doesNotContain("EmbeddedObject");
        assertThat(readParameters(call(unmarked)).get(CimName.of("Records"))).isEqualTo(RECORDS);
    }

    private static CimException readFails(String paramValues) {
        return catchThrowableOfType(() -> readParameters(call(paramValues)), CimException.class);
    }

    @Test
    void malformedEmbeddedTextIsAnInvalidParameterNamingWhere() {
        CimException e = readFails("<PARAMVALUE NAME=\"One\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\">"
                + "<VALUE>&lt;INSTANCE CLASSNAME=\"DfsrIdRecordInfo\"&gt;&lt;PROPERTY</VALUE></PARAMVALUE>");
        assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_PARAMETER);
        assertThat(e.description()).startsWith("parameter One: the embedded instance is not an INSTANCE element")
                .containsPattern("(?i)line|column|row|col");
    }

    @Test
    void anInstanceOfAnotherClassIsATypeMismatch() {
        String info = "<PARAMVALUE NAME=\"One\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>"
                + "&lt;INSTANCE CLASSNAME=\"DfsrInfo\"&gt;&lt;PROPERTY NAME=\"State\" TYPE=\"uint8\"&gt;&lt;VALUE&gt;1"
                + "&lt;/VALUE&gt;&lt;/PROPERTY&gt;&lt;/INSTANCE&gt;</VALUE></PARAMVALUE>";
        CimException e = readFails(info);
        assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TYPE_MISMATCH);
        assertThat(e.description()).isEqualTo("parameter One: One is declared EmbeddedInstance(\"DfsrIdRecordInfo\")"
                + " but holds an instance of DfsrInfo");
    }

    @Test
    void unknownClassesPropertiesAndBadValuesAreRefused() {
        CimException unknown = readFails(paramValue("One", record(1, "x")).replace("DfsrIdRecordInfo", "NoSuch"));
        assertThat(unknown.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_CLASS);
        CimException property = readFails(paramValue("One", record(1, "x"))
                .replace("NAME=\"FileName\"", "NAME=\"Nope\""));
        assertThat(property.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_PARAMETER);
        assertThat(property.description()).contains("class DfsrIdRecordInfo has no property 'Nope'");
        CimException flags = readFails(paramValue("One", record(1, "x"))
                .replace("&lt;VALUE&gt;5&lt;", "&lt;VALUE&gt;300&lt;"));
        assertThat(flags.status()).isEqualTo(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE);
        CimException guid = readFails(paramValue("One", record(1, "x")).replace(RF, "short"));
        assertThat(guid.status()).isEqualTo(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE);
        assertThat(guid.description()).contains("embedded instance of DfsrIdRecordInfo")
                .contains("MinLen is 36");
        CimException plainText = readFails("<PARAMVALUE NAME=\"One\" PARAMTYPE=\"string\"><VALUE>report.docx</VALUE>"
                + "</PARAMVALUE>");
        assertThat(plainText.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_PARAMETER);
    }

    @Test
    void nestingIsBounded() {
        // Each level escapes the one inside it once more; the reader stops before the text can grow deep.
        String inner = "<INSTANCE CLASSNAME=\"DfsrIdRecordInfo\"></INSTANCE>";
        for (int level = 0; level <= EmbeddedInstanceReader.MAX_DEPTH; level++) {
            inner = "<INSTANCE CLASSNAME=\"ReplProvTest_Nest\"><PROPERTY NAME=\"Inner\" TYPE=\"string\" "
                    + "EmbeddedObject=\"instance\"><VALUE>" + escape(inner) + "</VALUE></PROPERTY></INSTANCE>";
        }
        ClassRepository nesting = MofCompiler.create().withBase(SCHEMA).withNamespace(NS).compileText("nest.mof", """
                class ReplProvTest_Nest { [EmbeddedObject] string Inner; };
                """);
        String body = "<PARAMVALUE NAME=\"One\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>"
                + escape(inner) + "</VALUE></PARAMVALUE>";
        CimException e = catchThrowableOfType(() -> new CimXmlReader(CimXmlReader.Limits.DEFAULT).read(call(body))
                .operation(nesting), CimException.class);
        assertThat(e.description()).contains("embedded instances nest deeper than " + EmbeddedInstanceReader.MAX_DEPTH);
    }

    @Test
    void mutatedEmbeddedTextOnlyEverGivesCimErrors() {
        // The INSTANCE a client sends, unescaped, mutated character by character, escaped again: the outer request
        // stays well formed, so whatever the inner text holds must end as a value or a CimException.
        String inner = write(w -> w.instance(record(538, "report.docx").instance()));
        String alphabet = "<>/=\"&;#x0 aZ:.-INSTANCEPROPERTYVALUE";
        java.util.Random random = new java.util.Random(15);
        int accepted = 0;
        for (int i = 0; i < 2000; i++) {
            StringBuilder mutated = new StringBuilder(inner);
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String body = "<PARAMVALUE NAME=\"One\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\"><VALUE>"
                    + escape(mutated.toString()) + "</VALUE></PARAMVALUE>";
            try {
                assertThat(readParameters(call(body)).get(CimName.of("One"))).isInstanceOf(CimValue.Embedded.class);
                accepted++;
            } catch (CimException expected) {
                assertThat(expected.element()).contains(CimName.of("One"));
            }
        }
        assertThat(accepted).as("some mutations (in values) still read").isPositive().isLessThan(2000);
    }

    private static String escape(String xml) {
        return xml.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---- through the object manager and back ---------------------------------------------------------------------

    /** Hands the records it is given back as its out parameter. */
    private static final class EchoProvider implements MethodProvider {
        final List<Map<CimName, CimValue>> calls = new ArrayList<>();
        final List<ProviderContext> contexts = new ArrayList<>();

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public MethodResult invokeMethod(ProviderContext ctx, CimClass cimClass, CimObjectPath path, CimMethod method,
                                         Map<CimName, CimValue> inParameters) {
            calls.add(inParameters);
            contexts.add(ctx);
            return new MethodResult(CimValue.uint32(0), Map.of(CimName.of("Same"),
                    inParameters.get(CimName.of("Records"))));
        }
    }

    @Test
    void aMethodCallEchoesEmbeddedRecordsEndToEnd() throws IOException {
        EchoProvider echo = new EchoProvider();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (ObjectManager om = ObjectManager.builder(SCHEMA).register(NS, CimName.of("ReplProvTest_Sink"), echo)
                .build()) {
            CimXmlMessage message = new CimXmlReader(CimXmlReader.Limits.DEFAULT).read(call(
                    paramValue("Records", RECORDS) + paramValue("One", record(1, "one.txt"))));
            DeferredResponse out = new DeferredResponse(length -> response, 1 << 16);
            new OperationService(om).run(new Request("t1", new Caller("user", Caller.Role.OPERATOR)), "Echo",
                    message.operation(SCHEMA), new CimXmlEncoder(message, "localhost", out, e -> {
                        throw new AssertionError("an operator may invoke methods");
                    }));
        }
        assertThat(echo.contexts).as("the request id and the caller reach the provider").singleElement()
                .satisfies(ctx -> {
                    assertThat(ctx.requestId()).isEqualTo("t1");
                    assertThat(ctx.caller()).isEqualTo(new Caller("user", Caller.Role.OPERATOR));
                });
        assertThat(echo.calls).singleElement().satisfies(in -> {
            assertThat(in.get(CimName.of("Records"))).isEqualTo(RECORDS);
            assertThat(in.get(CimName.of("One"))).isEqualTo(record(1, "one.txt"));
        });
        assertThat(response.toString(StandardCharsets.UTF_8)).contains("<METHODRESPONSE NAME=\"Echo\">"
                + "<RETURNVALUE PARAMTYPE=\"uint32\"><VALUE>0</VALUE></RETURNVALUE>"
                + "<PARAMVALUE NAME=\"Same\" PARAMTYPE=\"string\" EmbeddedObject=\"instance\">" + RECORDS_XML
                + "</PARAMVALUE></METHODRESPONSE>");
    }
}
