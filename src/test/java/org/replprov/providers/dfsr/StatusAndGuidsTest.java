package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.replprov.cim.Guids;
import org.replprov.engine.spi.ConnectionFailure;

class StatusAndGuidsTest {

    @ParameterizedTest(name = "{0} failure={1} everOnline={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
        "ONLINE,     -,                    false, OK",
        "OFFLINE,    -,                    true,  OK",
        "CONNECTING, -,                    false, Starting",
        "CONNECTING, -,                    true,  Lost Comm",
        "CONNECTING, CONNECTION_ERROR,     true,  Degraded",
        "IN_ERROR,   SERVICE_UNREACHABLE,  false, No Contact",
        "IN_ERROR,   SERVICE_UNREACHABLE,  true,  Lost Comm",
        "IN_ERROR,   INCOMPATIBLE_VERSION, true,  NonRecover",
        "IN_ERROR,   CONNECTION_ERROR,     false, Error",
        "IN_ERROR,   UNRECOGNIZED,         true,  Error",
    })
    void statusFollowsTheDocumentedTable(ConnectionState state, ConnectionFailure failure, boolean everOnline,
                                         String status) {
        assertThat(ConnectionStatus.of(state, failure, everOnline).text()).isEqualTo(status).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void guidsAreWrittenUpperCaseWithoutBraces() {
        UUID u = UUID.fromString("c0037e37-ef20-4cdf-968a-932e669ed810");
        assertThat(Guids.format(u)).isEqualTo("C0037E37-EF20-4CDF-968A-932E669ED810");
    }

    @ParameterizedTest
    @CsvSource({
        "C0037E37-EF20-4CDF-968A-932E669ED810, true",
        "{c0037e37-ef20-4cdf-968a-932e669ed810}, true",
        "' {C0037E37-EF20-4CDF-968A-932E669ED810} ', true",
        "{C0037E37-EF20-4CDF-968A-932E669ED810, false",
        "C0037E37-EF20-4CDF-968A-932E669ED810}, false",
        "C0037E37-EF20-4CDF-968A-932E669ED81, false",
        "1-2-3-4-5, false",
        "C0037E37EF204CDF968A932E669ED810, false",
        "'', false",
    })
    void guidsAreReadInEitherForm(String text, boolean valid) {
        if (valid) {
            assertThat(Guids.parse(text)).as(text).map(Guids::format)
                    .hasValue("C0037E37-EF20-4CDF-968A-932E669ED810");
        } else {
            assertThat(Guids.parse(text)).as(text).isEmpty();
        }
    }
}
