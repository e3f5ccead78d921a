package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The {@link RepsFrom} tuple (MS-DRSR §5.172) read from published {@code REPS_FROM} values and written back in both
 * versions and layouts. Samba's own reading of the same bytes is in {@link SambaCrossCheckTest}.
 */
class RepsFromConversionTest {

    private static final long SEED = 0x5EED_F0A1L;

    @Test
    void aWindowsVersion2RepsFromReadsEveryField() throws MalformedBlobException {
        RepsFrom from = RepsFrom.from(RepsFromToCodec.decode(HexVector.named("repsfrom-v2-windows-524").bytes()));
        assertThat(from.naDsa()).isEqualTo("c0ffee00-1234-4abc-8def-0123456789ab._msdcs.ad.corp.example.com");
        assertThat(from.uuidDsa()).isEqualTo(UUID.fromString("c0ffee00-1234-4abc-8def-0123456789ab"));
        assertThat(from.uuidInvocId()).isEqualTo(UUID.fromString("11112222-3333-4444-5555-666677778888"));
        assertThat(from.uuidTransportObj()).isEqualTo(UUID.fromString("99aabbcc-ddee-4f00-8112-233445566778"));
        assertThat(from.optionNames()).containsExactly("DRS_WRIT_REP", "DRS_INIT_SYNC", "DRS_PER_SYNC");
        assertThat(from.schedule().toHex()).isEqualTo("11".repeat(ReplTimes.SIZE));
        assertThat(from.usnVec()).isEqualTo(new UsnVector(1002728337L, 0, 1002728337L));
        assertThat(from.resultLastAttempt()).isEqualTo(Win32Error.ERROR_SUCCESS);
        assertThat(from.resultLastAttempt().werrName()).contains("WERR_OK");
        assertThat(from.consecutiveFailures()).isZero();
        assertThat(from.timeLastAttempt()).isEqualTo(new DsTime(13375835803L));
        assertThat(from.timeLastSuccess()).isEqualTo(new DsTime(13375835803L));
    }

    @Test
    void aFailingVersion1RepsFromKeepsItsResultAndCounters() throws MalformedBlobException {
        RepsFrom from = RepsFrom.from(
                RepsFromToCodec.decode(HexVector.named("repsfrom-v1-windows-source-disabled").bytes()));
        assertThat(from.resultLastAttempt()).isEqualTo(Win32Error.ERROR_DS_DRA_SOURCE_DISABLED);
        assertThat(from.resultLastAttempt().werrName()).contains("WERR_DS_DRA_SOURCE_DISABLED");
        assertThat(from.consecutiveFailures()).isEqualTo(3);
        assertThat(from.timeLastSuccess().seconds()).isLessThan(from.timeLastAttempt().seconds());
        assertThat(from.usnVec().usnHighPropUpdate()).isEqualTo(24601);
        assertThat(from.naDsa()).isEqualTo("3f1e5d7c-9b8a-4c6d-8e2f-0a1b2c3d4e5f._msdcs.contoso.com");
    }

    @Test
    void unlikeRepsToEveryOptionBitSurvives() {
        RepsFrom from = RandomRepsFrom.next(new Random(SEED));
        RepsFrom allBits = new RepsFrom(from.naDsa(), from.uuidDsa(), from.uuidInvocId(), from.uuidTransportObj(),
                new ReplicaFlags(0xFFFFFFFF), from.schedule(), from.usnVec(), from.resultLastAttempt(),
                from.consecutiveFailures(), from.timeLastAttempt(), from.timeLastSuccess());
        RepsFromToBlob stored = allBits.toBlob(1, Layout.SAMBA);
        assertThat(RepsFrom.from(stored).options().raw()).isEqualTo(0xFFFFFFFF);
        assertThat(RepsTo.from(stored).options()).isEqualTo(RepsTo.PRESERVED_OPTIONS);
    }

    @Test
    void everyVersionAndLayoutReadsBackTheSameTuple() throws MalformedBlobException {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 500; i++) {
            RepsFrom value = RandomRepsFrom.next(rnd);
            for (int version = 1; version <= 2; version++) {
                for (Layout layout : Layout.values()) {
                    RepsFromToBlob stored = value.toBlob(version, layout);
                    assertThat(stored.dwVersion()).isEqualTo(version);
                    RepsFromToBlob read = RepsFromToCodec.decode(RepsFromToCodec.encode(stored));
                    assertThat(read).isEqualTo(stored);
                    assertThat(RepsFrom.from(read)).as("%s, version %d, %s", value, version, layout)
                            .isEqualTo(value);
                }
            }
        }
    }

    @Test
    void writingLeavesReservedFieldsZeroAndPasDataOut() throws MalformedBlobException {
        RepsFromToBlob withPas = RepsFromToCodec.decode(HexVector.named("repsfrom-v2-pas-data").bytes());
        assertThat(withPas.opaque().tail().length()).isEqualTo(28);
        RepsFromToBlob written = RepsFrom.from(withPas).toBlob(2, Layout.WINDOWS);
        assertThat(written.opaque()).isEqualTo(OpaqueBytes.NONE);
        assertThat(written.cbPasDataOffset()).isZero();
        assertThat(written.fixed().dwReserved0()).isZero();
        assertThat(written.fixed().dwReserved1()).isZero();
        assertThat(written.cb()).isEqualTo(withPas.cb() - 28);
        assertThat(RepsFrom.from(written)).isEqualTo(RepsFrom.from(withPas));
    }

    @Test
    void anEmptyAddressStoresNone() {
        RepsFrom from = RandomRepsFrom.next(new Random(SEED));
        RepsFrom none = new RepsFrom("", from.uuidDsa(), from.uuidInvocId(), from.uuidTransportObj(), from.options(),
                from.schedule(), from.usnVec(), from.resultLastAttempt(), from.consecutiveFailures(),
                from.timeLastAttempt(), from.timeLastSuccess());
        RepsFromToBlob stored = none.toBlob(1, Layout.SAMBA);
        assertThat(stored.cbOtherDraOffset()).isZero();
        assertThat(stored.cbOtherDra()).isZero();
        assertThat(stored.size()).isEqualTo(0xD0);
    }

    @Test
    void theTupleRejectsWhatAStoredValueCannotHold() {
        RepsFrom from = RandomRepsFrom.next(new Random(SEED));
        assertThatThrownBy(() -> new RepsFrom(from.naDsa(), from.uuidDsa(), from.uuidInvocId(),
                from.uuidTransportObj(), from.options(), from.schedule(), from.usnVec(), from.resultLastAttempt(),
                0x1_0000_0000L, from.timeLastAttempt(), from.timeLastSuccess()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DWORD");
        assertThatThrownBy(() -> new RepsFrom("dc\0", from.uuidDsa(), from.uuidInvocId(), from.uuidTransportObj(),
                from.options(), from.schedule(), from.usnVec(), from.resultLastAttempt(), 0, from.timeLastAttempt(),
                from.timeLastSuccess()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new RepsFrom("x".repeat(256), from.uuidDsa(), from.uuidInvocId(),
                from.uuidTransportObj(), from.options(), from.schedule(), from.usnVec(), from.resultLastAttempt(), 0,
                from.timeLastAttempt(), from.timeLastSuccess()).toBlob(1, Layout.SAMBA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MTX_ADDR");
    }
}
