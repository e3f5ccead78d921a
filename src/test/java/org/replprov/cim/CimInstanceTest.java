package org.replprov.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Instance building and validation against the qualifiers of its class (DSP0004 §5.6.3). */
class CimInstanceTest {

    private static final CimClass CONNECTION = CimClass.builder("Conn")
            .property(CimProperty.of("ConnectionGuid", CimDataType.STRING, CimQualifier.flag("Key"),
                    CimQualifier.of("MaxLen", CimValue.uint32(36)), CimQualifier.of("MinLen", CimValue.uint32(36))))
            .property(CimProperty.of("State", CimDataType.UINT32,
                    CimQualifier.of("ValueMap", CimValue.Array.ofStrings(List.of("0", "1", "2", "3"))),
                    CimQualifier.of("Values", CimValue.Array.ofStrings(
                            List.of("Connecting", "Online", "Offline", "In Error")))))
            .property(CimProperty.of("Level", CimDataType.UINT8,
                    CimQualifier.of("Values", CimValue.Array.ofStrings(List.of("Low", "High")))))
            .property(CimProperty.of("Port", CimDataType.UINT32,
                    CimQualifier.of("ValueMap", CimValue.Array.ofStrings(List.of("1..1023", "8080", "9000..")))))
            .property(CimProperty.of("Percent", CimDataType.UINT32,
                    CimQualifier.of("MinValue", CimValue.sint64(0)), CimQualifier.of("MaxValue", CimValue.sint64(100))))
            .property(CimProperty.of("Status", CimDataType.STRING,
                    CimQualifier.of("ValueMap", CimValue.Array.ofStrings(List.of("OK", "Error")))))
            .property(CimProperty.of("Owner", CimDataType.STRING, CimQualifier.flag("Required"))
                    .withDefault(CimValue.string("me")))
            .build();

    private static final String GUID = "C0037E37-EF20-4CDF-968A-932E669ED810";

    private static CimInstance.Builder valid() {
        return CimInstance.builder(CONNECTION).set("ConnectionGuid", GUID).set("State", 1);
    }

    @Test
    void aValidInstancePassesAndNamesItself() {
        CimInstance i = valid().build().validate();
        assertThat(i.path().toWmiPath()).isEqualTo("Conn.ConnectionGuid=\"" + GUID + "\"");
        assertThat(i.value("state")).isEqualTo(CimValue.uint32(1));
        assertThat(i.value("Owner")).isEqualTo(CimValue.string("me"));
        assertThat(i.value("NoSuchProperty")).isNull();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            ConnectionGuid | NULL                          | WBEM_E_ILLEGAL_NULL
            ConnectionGuid | short                         | WBEM_E_VALUE_OUT_OF_RANGE
            ConnectionGuid | {C0037E37-EF20-4CDF-968A-932E669ED810} | WBEM_E_VALUE_OUT_OF_RANGE
            State          | 4                             | WBEM_E_VALUE_OUT_OF_RANGE
            Level          | 2                             | WBEM_E_VALUE_OUT_OF_RANGE
            Port           | 0                             | WBEM_E_VALUE_OUT_OF_RANGE
            Port           | 8081                          | WBEM_E_VALUE_OUT_OF_RANGE
            Percent        | 101                           | WBEM_E_VALUE_OUT_OF_RANGE
            Status         | Degraded                      | WBEM_E_VALUE_OUT_OF_RANGE
            Owner          | NULL                          | WBEM_E_ILLEGAL_NULL
            """)
    void violationsNameThePropertyAndTheStatus(String property, String value, WbemStatus status) {
        CimInstance i = valid().set(property, value == null ? null : CimValue.string(value)).build();
        assertThatThrownBy(i::validate).isInstanceOfSatisfying(CimException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.element()).contains(CimName.of(property));
        });
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Port    | 80
            Port    | 8080
            Port    | 65000
            Level   | 1
            Percent | 100
            Status  | OK
            """)
    void valuesThatTheQualifiersAdmitPass(String property, String value) {
        valid().set(property, CimValue.string(value)).build().validate();
    }

    @Test
    void settingAnUnknownPropertyOrAWrongTypeIsRefusedAtOnce() {
        assertThatThrownBy(() -> valid().set("Nope", "x")).isInstanceOfSatisfying(CimException.class,
                e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_PROPERTY));
        assertThatThrownBy(() -> valid().set("State", "online")).isInstanceOfSatisfying(CimException.class, e -> {
            assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TYPE_MISMATCH);
            assertThat(e.element()).contains(CimName.of("State"));
        });
    }

    @Test
    void aProjectionKeepsTheKeysAndTheChosenProperties() {
        CimInstance full = valid().build();
        CimInstance p = full.project(List.of(CimName.of("State")));
        assertThat(p.properties()).extracting(x -> x.name().toString()).containsExactly("ConnectionGuid", "State");
        assertThat(p.value("Owner")).isNull();
        assertThat(p.hasProperty(CimName.of("Owner"))).isFalse();
        assertThat(p.path()).isEqualTo(full.path());
        p.validate();
    }

    @Test
    void equalInstancesAreEqual() {
        assertThat(valid().build()).isEqualTo(valid().build()).hasSameHashCodeAs(valid().build());
        assertThat(valid().build()).isNotEqualTo(valid().set("State", 2).build());
        assertThat(valid().build().toBuilder().set("State", 2).build()).isEqualTo(valid().set("State", 2).build());
    }
}
