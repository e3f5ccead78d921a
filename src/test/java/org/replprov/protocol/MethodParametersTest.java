package org.replprov.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;

class MethodParametersTest {

    private static final CimMethod METHOD = CimMethod.of("Set", CimDataType.UINT32, List.of(
            CimParameter.of("Mode", CimDataType.UINT32),
            CimParameter.of("Tags", CimDataType.STRING_ARRAY),
            CimParameter.of("Result", CimDataType.STRING, CimQualifier.of("In", CimValue.Bool.FALSE),
                    CimQualifier.flag("Out"))));

    private static ParamValue p(String name, CimValue v) {
        return new ParamValue(CimName.of(name), v);
    }

    @Test
    void valuesAreTypedFromTheDeclarationAndNamesSpelledAsDeclared() {
        assertThat(MethodParameters.bind(METHOD, List.of(p("mode", CimValue.string("2")),
                p("TAGS", CimValue.Array.ofStrings(List.of("a"))))))
                .containsExactly(p("Mode", CimValue.uint32(2)), p("Tags", CimValue.Array.ofStrings(List.of("a"))));
        assertThat(MethodParameters.bind(METHOD, List.of(p("Mode", CimValue.sint64(3)))).get(0).value())
                .isEqualTo(CimValue.uint32(3));
        assertThat(MethodParameters.bind(METHOD, List.of(p("Mode", null))).get(0).value()).isNull();
    }

    @Test
    void unknownOutputOnlyRepeatedAndMistypedParametersAreRefused() {
        assertThat(status(List.of(p("Speed", CimValue.string("1")))))
                .isEqualTo(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS);
        assertThat(status(List.of(p("Result", CimValue.string("x")))))
                .isEqualTo(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS);
        assertThat(status(List.of(p("Mode", CimValue.string("1")), p("MODE", CimValue.string("2")))))
                .isEqualTo(WbemStatus.WBEM_E_INVALID_METHOD_PARAMETERS);
        assertThat(status(List.of(p("Mode", CimValue.string("fast"))))).isEqualTo(WbemStatus.WBEM_E_TYPE_MISMATCH);
        assertThat(status(List.of(p("Mode", CimValue.sint64(-1))))).isEqualTo(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE);
    }

    private static WbemStatus status(List<ParamValue> given) {
        return catchThrowableOfType(() -> MethodParameters.bind(METHOD, given), CimException.class).status();
    }
}
