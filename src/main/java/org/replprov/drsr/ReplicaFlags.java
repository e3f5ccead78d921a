package org.replprov.drsr;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code ulReplicaFlags} of a {@code REPS_FROM} / {@code REPS_TO} value: {@code DRS_OPTIONS} bits (MS-DRSR §5.41)
 * read in the repsFrom/repsTo context. The raw 32-bit value is kept as is; {@link #flags()} names the bits.
 *
 * <p>Several {@code DRS_OPTIONS} bits carry two names, one per operation ({@code 0x8} is {@code DRS_SYNC_ALL} for
 * IDL_DRSReplicaSync and {@code DRS_DEL_REF} for IDL_DRSUpdateRefs). {@link Flag} gives every bit the name that fits
 * a stored repsFrom/repsTo value: the first name in the §5.41 table, except {@code 0x8}, which is
 * {@link Flag#DRS_DEL_REF} because repsTo values receive their bits from IDL_DRSUpdateRefs (Samba stores
 * {@code DRS_ADD_REF | DRS_DEL_REF | DRS_WRIT_REP}).
 *
 * @param raw the 32 bits as stored
 */
public record ReplicaFlags(int raw) {

    /** No bits set. */
    public static final ReplicaFlags NONE = new ReplicaFlags(0);

    /** The {@code DRS_OPTIONS} bits (MS-DRSR §5.41), named for the repsFrom/repsTo context. */
    public enum Flag {
        DRS_ASYNC_OP(0x00000001),
        DRS_GETCHG_CHECK(0x00000002),
        DRS_ADD_REF(0x00000004),
        DRS_DEL_REF(0x00000008),
        DRS_WRIT_REP(0x00000010),
        DRS_INIT_SYNC(0x00000020),
        DRS_PER_SYNC(0x00000040),
        DRS_MAIL_REP(0x00000080),
        DRS_ASYNC_REP(0x00000100),
        DRS_TWOWAY_SYNC(0x00000200),
        DRS_CRITICAL_ONLY(0x00000400),
        DRS_GET_ANC(0x00000800),
        DRS_GET_NC_SIZE(0x00001000),
        DRS_NONGC_RO_REP(0x00002000),
        DRS_SYNC_BYNAME(0x00004000),
        DRS_FULL_SYNC_NOW(0x00008000),
        DRS_FULL_SYNC_IN_PROGRESS(0x00010000),
        DRS_FULL_SYNC_PACKET(0x00020000),
        DRS_SYNC_REQUEUE(0x00040000),
        DRS_SYNC_URGENT(0x00080000),
        DRS_REF_GCSPN(0x00100000),
        DRS_NEVER_SYNCED(0x00200000),
        DRS_SPECIAL_SECRET_PROCESSING(0x00400000),
        DRS_INIT_SYNC_NOW(0x00800000),
        DRS_PREEMPTED(0x01000000),
        DRS_SYNC_FORCED(0x02000000),
        DRS_DISABLE_AUTO_SYNC(0x04000000),
        DRS_DISABLE_PERIODIC_SYNC(0x08000000),
        DRS_USE_COMPRESSION(0x10000000),
        DRS_NEVER_NOTIFY(0x20000000),
        DRS_SYNC_PAS(0x40000000),
        DRS_GET_ALL_GROUP_MEMBERSHIP(0x80000000);

        private final int bit;

        Flag(int bit) {
            this.bit = bit;
        }

        /** The bit's value, {@code 0x00000010} for {@link #DRS_WRIT_REP}. */
        public int bit() {
            return bit;
        }
    }

    /** The flags with exactly these bits set. */
    public static ReplicaFlags of(Flag... flags) {
        int raw = 0;
        for (Flag flag : flags) {
            raw |= flag.bit();
        }
        return new ReplicaFlags(raw);
    }

    public boolean contains(Flag flag) {
        return (raw & flag.bit()) != 0;
    }

    /** True when every bit of {@code other} is set here. */
    public boolean containsAll(ReplicaFlags other) {
        return (raw & other.raw) == other.raw;
    }

    /** The bits set both here and in {@code mask}. */
    public ReplicaFlags retainAll(ReplicaFlags mask) {
        return new ReplicaFlags(raw & mask.raw);
    }

    /** The bits set here, lowest first. Every bit has a name, so nothing is left out. */
    public List<Flag> flags() {
        List<Flag> set = new ArrayList<>();
        for (Flag flag : Flag.values()) {
            if (contains(flag)) {
                set.add(flag);
            }
        }
        return List.copyOf(set);
    }

    /** The names of the bits set here, lowest first: {@code [DRS_ADD_REF, DRS_DEL_REF, DRS_WRIT_REP]}. */
    public List<String> names() {
        return flags().stream().map(Flag::name).toList();
    }

    /** {@code 0x0000001C = DRS_ADD_REF | DRS_DEL_REF | DRS_WRIT_REP}, or {@code 0x00000000 = none}. */
    @Override
    public String toString() {
        return Hex.dword(raw) + " = " + (raw == 0 ? "none" : flags().stream().map(Flag::name)
                .collect(Collectors.joining(" | ")));
    }
}
