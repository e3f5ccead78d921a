package org.replprov.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.spi.MethodResult;

/** The JSON API writes embedded instances (DSP0004 EmbeddedInstance) as nested instance objects without a path. */
class EmbeddedInstanceJsonTest {

    private static final CimClass ID_RECORD = MofCompiler.loadShippedSchema()
            .requireClass("root/MicrosoftDfs", CimName.of("DfsrIdRecordInfo"));

    private static CimValue.Embedded record(int version, String fileName) {
        CimInstance i = CimInstance.builder(ID_RECORD)
                .set("Uid", "{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v" + version)
                .set("FileName", fileName)
                .set("Flags", CimValue.uint8(5))
                .build();
        return new CimValue.Embedded(i.project(List.of(CimName.of("FileName"), CimName.of("Flags"))));
    }

    private static String json(MethodResult result) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            CimJson.methodResult(g, result);
        }
        return out.toString();
    }

    @Test
    void backlogRecordsAreAnArrayOfNestedInstances() throws IOException {
        Map<CimName, CimValue> out = new LinkedHashMap<>();
        out.put(CimName.of("BacklogIdRecords"), new CimValue.Array(CimDataType.STRING,
                List.of(record(538, "report.docx"), record(539, "a \"quoted\" name.txt"))));
        out.put(CimName.of("IdRecordIndex"), CimValue.uint32(539));
        assertThat(json(new MethodResult(CimValue.uint32(0), out))).isEqualTo("{\"returnValue\":0,\"outParameters\":{"
                + "\"BacklogIdRecords\":["
                + "{\"className\":\"DfsrIdRecordInfo\",\"properties\":{"
                + "\"Uid\":\"{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v538\",\"Flags\":5,\"FileName\":\"report.docx\"}},"
                + "{\"className\":\"DfsrIdRecordInfo\",\"properties\":{"
                + "\"Uid\":\"{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v539\",\"Flags\":5,"
                + "\"FileName\":\"a \\\"quoted\\\" name.txt\"}}],"
                + "\"IdRecordIndex\":539}}");
    }

    @Test
    void aSingleEmbeddedInstanceAndNullAreWrittenAsSuch() throws IOException {
        Map<CimName, CimValue> out = new LinkedHashMap<>();
        out.put(CimName.of("IdRecord"), record(7, "x"));
        out.put(CimName.of("Missing"), null);
        assertThat(json(new MethodResult(null, out))).isEqualTo("{\"returnValue\":null,\"outParameters\":{"
                + "\"IdRecord\":{\"className\":\"DfsrIdRecordInfo\",\"properties\":{"
                + "\"Uid\":\"{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v7\",\"Flags\":5,\"FileName\":\"x\"}},"
                + "\"Missing\":null}}");
    }
}
