package org.replprov.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimName;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.protocol.ParamValue;

class JsonParametersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<ParamValue> read(String json) throws Exception {
        return JsonParameters.read(JSON.readTree(json));
    }

    @Test
    void jsonTypesBecomeCimValuesToBeTypedLater() throws Exception {
        assertThat(read("{\"A\": 2, \"B\": \"15\", \"C\": true, \"D\": 1.5, \"E\": null, \"F\": [1, 2],"
                + " \"G\": 18446744073709551615}")).containsExactly(
                new ParamValue(CimName.of("A"), CimValue.sint64(2)),
                new ParamValue(CimName.of("B"), CimValue.string("15")),
                new ParamValue(CimName.of("C"), CimValue.Bool.TRUE),
                new ParamValue(CimName.of("D"), new CimValue.Real(CimType.REAL64, 1.5)),
                new ParamValue(CimName.of("E"), null),
                new ParamValue(CimName.of("F"), new CimValue.Array(CimDataType.SINT64,
                        List.of(CimValue.sint64(1), CimValue.sint64(2)))),
                new ParamValue(CimName.of("G"), CimValue.parse(CimDataType.UINT64, "18446744073709551615")));
        assertThat(read("null")).isEmpty();
    }

    @Test
    void shapesThatAreNotParametersAreRefused() {
        for (String bad : List.of("[1]", "{\"1x\": 1}", "{\"A\": {\"b\": 1}}", "{\"A\": [1, \"x\"]}",
                "{\"A\": [[1]]}")) {
            CimException e = catchThrowableOfType(() -> read(bad), CimException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_PARAMETER);
        }
    }
}
