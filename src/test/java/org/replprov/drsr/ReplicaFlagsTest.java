package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.replprov.drsr.ReplicaFlags.Flag;

/** DRS_OPTIONS bits (MS-DRSR §5.41) in the repsFrom/repsTo context. */
class ReplicaFlagsTest {

    @Test
    void everyBitHasExactlyOneName() {
        assertThat(Flag.values()).hasSize(32);
        assertThat(Arrays.stream(Flag.values()).mapToInt(Flag::bit).reduce(0, (a, b) -> a | b)).isEqualTo(-1);
        assertThat(Arrays.stream(Flag.values()).mapToInt(Flag::bit).map(Integer::bitCount).sum()).isEqualTo(32);
    }

    @Test
    void valuesFollowTheHexTableNotTheBitDiagram() {
        // MS-DRSR's MSB-first diagram has misled published code into 0x10000000 / 0x20000000 for these two.
        assertThat(Flag.DRS_NEVER_NOTIFY.bit()).isEqualTo(0x20000000);
        assertThat(Flag.DRS_SYNC_PAS.bit()).isEqualTo(0x40000000);
        assertThat(Flag.DRS_WRIT_REP.bit()).isEqualTo(0x10);
        assertThat(Flag.DRS_REF_GCSPN.bit()).isEqualTo(0x00100000);
    }

    @Test
    void keepsTheRawValueAndNamesTheBits() {
        ReplicaFlags samba = new ReplicaFlags(0x1C);
        assertThat(samba.names()).containsExactly("DRS_ADD_REF", "DRS_DEL_REF", "DRS_WRIT_REP");
        assertThat(samba).hasToString("0x0000001C = DRS_ADD_REF | DRS_DEL_REF | DRS_WRIT_REP");
        assertThat(samba.contains(Flag.DRS_WRIT_REP)).isTrue();
        assertThat(samba.retainAll(ReplicaFlags.of(Flag.DRS_WRIT_REP, Flag.DRS_MAIL_REP)))
                .isEqualTo(ReplicaFlags.of(Flag.DRS_WRIT_REP));
        assertThat(ReplicaFlags.NONE).hasToString("0x00000000 = none");
        assertThat(new ReplicaFlags(0x80000000).flags()).containsExactly(Flag.DRS_GET_ALL_GROUP_MEMBERSHIP);
    }
}
