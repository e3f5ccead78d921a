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
    void unknownCodesSurviveAsValues() {
        Win32Error unknown = new Win32Error(0xDEADBEEF);
        assertThat(unknown.code()).isEqualTo(0xDEADBEEF);
        assertThat(unknown.symbol()).isEmpty();
        assertThat(unknown.isSuccess()).isFalse();
        assertThat(unknown).hasToString("0xDEADBEEF (unknown)");
    }
}
