package org.replprov.drsr;

import static org.replprov.drsr.ReplicaFlags.Flag.DRS_DISABLE_AUTO_SYNC;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_DISABLE_PERIODIC_SYNC;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_FULL_SYNC_IN_PROGRESS;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_FULL_SYNC_PACKET;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_INIT_SYNC;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_MAIL_REP;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_NEVER_NOTIFY;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_NEVER_SYNCED;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_NONGC_RO_REP;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_PER_SYNC;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_PREEMPTED;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_REF_GCSPN;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_SPECIAL_SECRET_PROCESSING;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_SYNC_PAS;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_TWOWAY_SYNC;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_USE_COMPRESSION;
import static org.replprov.drsr.ReplicaFlags.Flag.DRS_WRIT_REP;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The abstract {@code RepsTo} tuple (MS-DRSR §5.173): one outbound replication partner of an NC replica, the DC this
 * one notifies when the NC changes. Reading the {@code repsTo} attribute turns each stored {@code REPS_TO}
 * (§5.171) into a {@code RepsTo} with {@link #from}; writing turns it back with {@link #toBlob}.
 *
 * @param naDsa               the partner DC's NetworkAddress; {@code ""} when the value has none
 * @param uuidDsa             the partner DC's DSA GUID (the objectGUID of its nTDSDSA object)
 * @param options             {@code DRS_OPTIONS} bits; only {@link #PRESERVED_OPTIONS} survive reading
 * @param resultLastAttempt   outcome of the last notification sent to the partner, 0 on success
 * @param consecutiveFailures failed notifications in a row, an unsigned 32-bit count
 * @param timeLastAttempt     when the last notification was attempted, or never
 * @param timeLastSuccess     when the last notification succeeded, or never
 */
public record RepsTo(String naDsa, UUID uuidDsa, ReplicaFlags options, Win32Error resultLastAttempt,
                     long consecutiveFailures, DsTime timeLastAttempt, DsTime timeLastSuccess) {

    /**
     * The options a {@code RepsTo} keeps when read: {@code DRS_WRIT_REP} ("this replica is writable") and the sixteen
     * flags §5.173 lists as "preserved if they are present ... but otherwise ignored by the protocol". Their union is
     * {@code 0x7D7322F0}, the same mask Windows applies when it reports repsTo through IDL_DRSGetReplInfo.
     */
    public static final ReplicaFlags PRESERVED_OPTIONS = ReplicaFlags.of(DRS_WRIT_REP,
            DRS_INIT_SYNC, DRS_PER_SYNC, DRS_MAIL_REP, DRS_DISABLE_AUTO_SYNC, DRS_DISABLE_PERIODIC_SYNC,
            DRS_USE_COMPRESSION, DRS_TWOWAY_SYNC, DRS_NONGC_RO_REP, DRS_FULL_SYNC_IN_PROGRESS, DRS_FULL_SYNC_PACKET,
            DRS_REF_GCSPN, DRS_NEVER_SYNCED, DRS_SPECIAL_SECRET_PROCESSING, DRS_PREEMPTED, DRS_NEVER_NOTIFY,
            DRS_SYNC_PAS);

    private static final long MAX_DWORD = 0xFFFF_FFFFL;

    public RepsTo {
        Objects.requireNonNull(naDsa, "naDsa");
        Objects.requireNonNull(uuidDsa, "uuidDsa");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(resultLastAttempt, "resultLastAttempt");
        Objects.requireNonNull(timeLastAttempt, "timeLastAttempt");
        Objects.requireNonNull(timeLastSuccess, "timeLastSuccess");
        if (naDsa.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("naDsa cannot contain NUL");
        }
        if (!PRESERVED_OPTIONS.containsAll(options)) {
            throw new IllegalArgumentException("a RepsTo cannot hold "
                    + new ReplicaFlags(options.raw() & ~PRESERVED_OPTIONS.raw()) + " (MS-DRSR 5.173 drops them)");
        }
        if (consecutiveFailures < 0 || consecutiveFailures > MAX_DWORD) {
            throw new IllegalArgumentException("consecutiveFailures is a DWORD, not " + consecutiveFailures);
        }
    }

    /**
     * Reads a stored value (§5.173): the seven fields are taken as they are, the network address from the
     * {@code MTX_ADDR} (version 1) or the {@code DSA_RPC_INST} instance string (version 2), and of
     * {@code ulReplicaFlags} only {@link #PRESERVED_OPTIONS} are kept. Other fields are ignored.
     */
    public static RepsTo from(RepsFromToBlob value) {
        RepsFixedFields f = value.fixed();
        return new RepsTo(value.networkAddress(), f.uuidDsaObj(), f.ulReplicaFlags().retainAll(PRESERVED_OPTIONS),
                f.ulResultLastAttempt(), Integer.toUnsignedLong(f.cConsecutiveFailures()), f.timeLastAttempt(),
                f.timeLastSuccess());
    }

    /**
     * The value to store (§5.173): the seven fields in place and zeros in every unused field (schedule, reserved
     * fields, USN vector, invocation and transport GUIDs); an empty {@link #naDsa} gives {@code cbOtherDra = 0} and
     * {@code cbOtherDraOffset = 0}.
     *
     * @param version 1 (address as {@code MTX_ADDR}) or 2 (as {@code DSA_RPC_INST})
     * @param layout  whose byte layout to write
     * @throws IllegalArgumentException for another version, or a name too long for an {@code MTX_ADDR}
     */
    public RepsFromToBlob toBlob(int version, Layout layout) {
        RepsFixedFields fixed = new RepsFixedFields(0, (int) consecutiveFailures, timeLastSuccess, timeLastAttempt,
                resultLastAttempt, options, ReplTimes.NONE, 0, UsnVector.ZERO, uuidDsa, RepsFixedFields.NULL_GUID,
                RepsFixedFields.NULL_GUID);
        return RepsFromToBlob.of(version, layout, fixed, naDsa);
    }

    /** True when {@code options} holds {@code DRS_WRIT_REP}: the replica notified is writable. */
    public boolean writable() {
        return options.contains(DRS_WRIT_REP);
    }

    /** Names of the options set, lowest bit first, for example {@code [DRS_WRIT_REP, DRS_NEVER_NOTIFY]}. */
    public List<String> optionNames() {
        return options.names();
    }
}
