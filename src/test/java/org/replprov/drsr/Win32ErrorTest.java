package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The open Win32 error value held in ulResultLastAttempt. */
class Win32ErrorTest {

    @Test
    void namedCodesPrintTheirName() {
        assertThat(new Win32Error(1722)).isEqualTo(Win32Error.RPC_S_SERVER_UNAVAILABLE)
                .hasToString("0x000006BA (RPC_S_SERVER_UNAVAILABLE)");
        assertThat(new Win32Error(0x2108).symbol()).contains("ERROR_DS_DRA_SOURCE_DISABLED");
        assertThat(Win32Error.ERROR_SUCCESS.isSuccess()).isTrue();
    }

    @Test
    void namedCodesHaveSambasWerrName() {
        assertThat(Win32Error.ERROR_SUCCESS.werrName()).contains("WERR_OK");
        assertThat(Win32Error.ERROR_FILE_NOT_FOUND.werrName()).contains("WERR_FILE_NOT_FOUND");
        assertThat(new Win32Error(1256).werrName()).contains("WERR_HOST_DOWN");
        assertThat(new Win32Error(1722).werrName()).contains("WERR_RPC_S_SERVER_UNAVAILABLE");
        assertThat(new Win32Error(1908).werrName()).contains("WERR_DOMAIN_CONTROLLER_NOT_FOUND");
        assertThat(new Win32Error(8453).werrName()).contains("WERR_DS_DRA_ACCESS_DENIED");
        assertThat(new Win32Error(8524).werrName()).contains("WERR_DS_DNS_LOOKUP_FAILURE");
        assertThat(new Win32Error(0xDEADBEEF).werrName()).isEmpty();
    }

    @Test
    void unknownCodesSurviveAsValues() {
        Win32Error unknown = new Win32Error(0xDEADBEEF);
        assertThat(unknown.code()).isEqualTo(0xDEADBEEF);
        assertThat(unknown.symbol()).isEmpty();
        assertThat(unknown.isSuccess()).isFalse();
        assertThat(unknown).hasToString("0xDEADBEEF (unknown)");
    }
}
