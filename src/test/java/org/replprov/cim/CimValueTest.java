package org.replprov.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CimValueTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            uint8  | 255                  | 255
            uint8  | 0xff                 | 255
            sint8  | -128                 | -128
            uint16 | 65535                | 65535
            uint32 | 4294967295           | 4294967295
            sint32 | -2147483648          | -2147483648
            uint64 | 18446744073709551615 | 18446744073709551615
            sint64 | -9223372036854775808 | -9223372036854775808
            uint32 | +7                   | 7
            """)
    void integersParseAtTheirLimits(String type, String text, String printed) {
        CimType t = CimType.fromKeyword(type).orElseThrow();
        CimValue v = CimValue.parse(CimDataType.scalar(t), text);
        assertThat(v.text()).isEqualTo(printed);
        assertThat(((CimValue.Int) v).bigValue()).isEqualTo(new BigInteger(printed));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            uint8  | 256                  | WBEM_E_VALUE_OUT_OF_RANGE
            uint8  | -1                   | WBEM_E_VALUE_OUT_OF_RANGE
            sint8  | 128                  | WBEM_E_VALUE_OUT_OF_RANGE
            uint32 | 4294967296           | WBEM_E_VALUE_OUT_OF_RANGE
            uint64 | 18446744073709551616 | WBEM_E_VALUE_OUT_OF_RANGE
            uint64 | -1                   | WBEM_E_VALUE_OUT_OF_RANGE
            sint64 | 9223372036854775808  | WBEM_E_VALUE_OUT_OF_RANGE
            uint32 | three                | WBEM_E_TYPE_MISMATCH
            uint32 | 0x                   | WBEM_E_TYPE_MISMATCH
            uint32 | ''                   | WBEM_E_TYPE_MISMATCH
            boolean| yes                  | WBEM_E_TYPE_MISMATCH
            real64 | 1.2.3                | WBEM_E_TYPE_MISMATCH
            char16 | ab                   | WBEM_E_TYPE_MISMATCH
            datetime | 2024               | WBEM_E_TYPE_MISMATCH
            """)
    void badTextIsATypedError(String type, String text, WbemStatus status) {
        CimType t = CimType.fromKeyword(type).orElseThrow();
        assertThatThrownBy(() -> CimValue.parse(CimDataType.scalar(t), text))
                .isInstanceOfSatisfying(CimException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    @Test
    void unsignedSixtyFourBitValuesOrderAboveSignedOnes() {
        CimValue.Int max = (CimValue.Int) CimValue.parse(CimDataType.UINT64, "18446744073709551615");
        assertThat(max.isUnsignedHigh()).isTrue();
        assertThat(max.compareTo(CimValue.sint64(Long.MAX_VALUE))).isPositive();
        assertThat(CimValue.sint64(-1).compareTo(CimValue.uint8(0))).isNegative();
    }

    @Test
    void coercionConvertsAcrossWidthsAndFromText() {
        assertThat(CimValue.sint64(3).coerce(CimDataType.UINT32)).isEqualTo(CimValue.uint32(3));
        assertThat(CimValue.string("3").coerce(CimDataType.UINT32)).isEqualTo(CimValue.uint32(3));
        assertThat(CimValue.string("true").coerce(CimDataType.BOOLEAN)).isEqualTo(CimValue.Bool.TRUE);
        assertThat(CimValue.uint32(7).coerce(CimDataType.REAL64)).isEqualTo(new CimValue.Real(CimType.REAL64, 7));
        assertThat(CimValue.string("99990101000000.000000+000").coerce(CimDataType.DATETIME))
                .isEqualTo(CimTimestamp.DFSR_NEVER);
        assertThatThrownBy(() -> CimValue.sint64(-1).coerce(CimDataType.UINT32))
                .isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_VALUE_OUT_OF_RANGE));
        assertThatThrownBy(() -> CimValue.Bool.TRUE.coerce(CimDataType.UINT32))
                .isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TYPE_MISMATCH));
    }

    @Test
    void arraysCoerceElementByElementAndRefuseMixedElements() {
        CimValue.Array strings = CimValue.Array.ofStrings(List.of("1", "2"));
        CimValue coerced = strings.coerce(CimDataType.arrayOf(CimType.UINT16));
        assertThat(coerced.dataType()).isEqualTo(CimDataType.arrayOf(CimType.UINT16));
        assertThat(coerced.text()).isEqualTo("{1, 2}");
        assertThatThrownBy(() -> new CimValue.Array(CimDataType.STRING, List.of(CimValue.uint8(1))))
                .isInstanceOf(CimException.class);
    }

    @Test
    void real32ValuesAreHeldAtSinglePrecision() {
        CimValue.Real r = (CimValue.Real) CimValue.parse(CimDataType.REAL32, "0.1");
        assertThat(r.value()).isEqualTo((double) 0.1f);
        assertThat(r.text()).isEqualTo("0.1");
    }

    @Test
    void wbemStatusPrintsLikeWmi() {
        assertThat(WbemStatus.WBEM_E_NOT_FOUND.code()).isEqualTo(-2147217406);
        assertThat(WbemStatus.WBEM_E_INVALID_QUERY.describe()).isEqualTo("WBEM_E_INVALID_QUERY (0x80041017)");
        assertThat(WbemStatus.WBEM_E_INVALID_QUERY.cimStatus().code()).isEqualTo(15);
        assertThat(WbemStatus.fromCode(0x8004106C)).contains(WbemStatus.WBEM_E_QUOTA_VIOLATION);
        assertThat(new CimException(WbemStatus.WBEM_E_NOT_FOUND, "no such instance").getMessage())
                .isEqualTo("WBEM_E_NOT_FOUND (0x80041002): no such instance");
    }
}
