package org.replprov.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Runs {@code vectors/cim-name/names.tsv}. */
class CimNameVectorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/vectors/cim-name/names.tsv", delimiter = '\t', quoteCharacter = '`')
    void vector(String input, boolean valid, String peer) {
        assertThat(CimName.isValid(input)).isEqualTo(valid);
        if (!valid) {
            assertThatThrownBy(() -> CimName.of(input)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        CimName name = CimName.of(input);
        assertThat(name.toString()).isEqualTo(input);
        if (!peer.equals("-")) {
            CimName other = CimName.of(peer);
            assertThat(other).isEqualTo(name).hasSameHashCodeAs(name);
            assertThat(other.compareTo(name)).isZero();
            assertThat(other.toString()).isEqualTo(peer);
        }
    }
}
