package org.replprov.protocol.cimxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;

/** Element shapes the protocol vectors do not reach: arrays, references, reals, odd characters, out parameters. */
class CimXmlWriterTest {

    private static final CimClass LINK = CimClass.builder("Link")
            .property(CimProperty.of("Id", CimDataType.UINT64, CimQualifier.flag("Key")))
            .property(CimProperty.of("Names", CimDataType.STRING_ARRAY))
            .property(CimProperty.of("Ratio", CimDataType.REAL64))
            .property(CimProperty.of("Peer", CimDataType.reference(CimName.of("Link"))))
            .build();

    private static String write(Consumer<CimXmlWriter> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CimXmlWriter w = new CimXmlWriter(out, CimXmlWriter.View.PLAIN);
        body.accept(w);
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void arraysReferencesRealsAndUnsignedKeys() {
        CimObjectPath peer = CimObjectPath.of("root/x", CimName.of("Link"),
                List.of(new CimObjectPath.Key(CimName.of("Id"), CimValue.uint64(7))));
        CimInstance i = CimInstance.builder(LINK)
                .set("Id", CimValue.parse(CimDataType.UINT64, "18446744073709551615"))
                .set("Names", CimValue.Array.ofStrings(List.of("a", "b<c")))
                .set("Ratio", new CimValue.Real(CimType.REAL64, Double.POSITIVE_INFINITY))
                .set("Peer", peer)
                .build();
        assertThat(write(w -> w.namedInstance(i))).isEqualTo("<VALUE.NAMEDINSTANCE><INSTANCENAME CLASSNAME=\"Link\">"
                + "<KEYBINDING NAME=\"Id\"><KEYVALUE VALUETYPE=\"numeric\" TYPE=\"uint64\">18446744073709551615"
                + "</KEYVALUE></KEYBINDING></INSTANCENAME><INSTANCE CLASSNAME=\"Link\">"
                + "<PROPERTY NAME=\"Id\" TYPE=\"uint64\"><VALUE>18446744073709551615</VALUE></PROPERTY>"
                + "<PROPERTY.ARRAY NAME=\"Names\" TYPE=\"string\"><VALUE.ARRAY><VALUE>a</VALUE><VALUE>b&lt;c</VALUE>"
                + "</VALUE.ARRAY></PROPERTY.ARRAY>"
                + "<PROPERTY NAME=\"Ratio\" TYPE=\"real64\"><VALUE>INF</VALUE></PROPERTY>"
                + "<PROPERTY.REFERENCE NAME=\"Peer\" REFERENCECLASS=\"Link\"><VALUE.REFERENCE><LOCALINSTANCEPATH>"
                + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"x\"/></LOCALNAMESPACEPATH>"
                + "<INSTANCENAME CLASSNAME=\"Link\"><KEYBINDING NAME=\"Id\"><KEYVALUE VALUETYPE=\"numeric\" "
                + "TYPE=\"uint64\">7</KEYVALUE></KEYBINDING></INSTANCENAME></LOCALINSTANCEPATH></VALUE.REFERENCE>"
                + "</PROPERTY.REFERENCE></INSTANCE></VALUE.NAMEDINSTANCE>");
    }

    @Test
    void textThatXmlCannotCarryIsReplacedAndTheRestEscaped() {
        String value = "tab\there, cr\r, nul\u0000, é, 😀, lone \uD800, quote \", amp &";
        CimMethod describe = CimMethod.of("Describe", CimDataType.STRING, List.of());
        String xml = write(w -> w.returnValue(describe, CimValue.string(value)));
        assertThat(xml).isEqualTo("<RETURNVALUE PARAMTYPE=\"string\"><VALUE>tab\there, cr&#13;, nul\uFFFD, é, 😀, "
                + "lone \uFFFD, quote \", amp &amp;</VALUE></RETURNVALUE>");
        String attribute = write(w -> w.startMessage("a\"b\tc\nd"));
        assertThat(attribute).contains("ID=\"a&quot;b&#9;c&#10;d\"");
    }

    @Test
    void outParametersNullsAndReferenceTypes() {
        CimObjectPath classPath = CimObjectPath.forClass(null, CimName.of("Link"));
        String xml = write(w -> {
            w.paramValue(CimParameter.of("Target", CimDataType.reference(CimName.of("Link"))), classPath);
            w.paramValue(CimParameter.of("Count", CimDataType.UINT32), null);
        });
        assertThat(xml).isEqualTo("<PARAMVALUE NAME=\"Target\" PARAMTYPE=\"reference\"><VALUE.REFERENCE>"
                + "<CLASSNAME NAME=\"Link\"/></VALUE.REFERENCE></PARAMVALUE>"
                + "<PARAMVALUE NAME=\"Count\" PARAMTYPE=\"uint32\"></PARAMVALUE>");
    }

    @Test
    void unnamedKeyIsABareKeyValue() {
        CimObjectPath p = CimObjectPath.parse("Link=\"x\"");
        assertThat(write(w -> w.instanceName(p))).isEqualTo("<INSTANCENAME CLASSNAME=\"Link\"><KEYVALUE "
                + "VALUETYPE=\"string\" TYPE=\"string\">x</KEYVALUE></INSTANCENAME>");
    }
}
