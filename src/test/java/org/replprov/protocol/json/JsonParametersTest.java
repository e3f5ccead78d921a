package org.replprov.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimName;
import org.replprov.cim.CimStatus;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;

class JsonParametersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<CimName, CimValue> read(String json) throws Exception {
        return JsonParameters.read(JSON.readTree(json));
    }

    private static Map.Entry<CimName, CimValue> p(String name, CimValue value) {
        return new AbstractMap.SimpleEntry<>(CimName.of(name), value);
    }

    @Test
    void jsonTypesBecomeCimValuesToBeTypedLater() throws Exception {
        assertThat(read("{\"A\": 2, \"B\": \"15\", \"C\": true, \"D\": 1.5, \"E\": null, \"F\": [1, 2],"
                + " \"G\": 18446744073709551615}").entrySet()).containsExactly(
                p("A", CimValue.sint64(2)),
                p("B", CimValue.string("15")),
                p("C", CimValue.Bool.TRUE),
                p("D", new CimValue.Real(CimType.REAL64, 1.5)),
                p("E", null),
                p("F", new CimValue.Array(CimDataType.SINT64,
                        List.of(CimValue.sint64(1), CimValue.sint64(2)))),
                p("G", CimValue.parse(CimDataType.UINT64, "18446744073709551615")));
        assertThat(read("null")).isEmpty();
    }

    @Test
    void shapesThatAreNotParametersAreRefused() {
        for (String bad : List.of("[1]", "{\"1x\": 1}", "{\"A\": {\"b\": 1}}", "{\"A\": [1, \"x\"]}",
                "{\"A\": [[1]]}", "{\"a\": 1, \"A\": 2}")) {
            CimException e = catchThrowableOfType(() -> read(bad), CimException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.status().cimStatus()).isEqualTo(CimStatus.CIM_ERR_INVALID_PARAMETER);
        }
    }
}
