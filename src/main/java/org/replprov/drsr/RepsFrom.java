package org.replprov.drsr;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The abstract {@code RepsFrom} tuple (MS-DRSR §5.172): one inbound replication partner of an NC replica, the DC
 * this one pulls the NC from, with the state of the last pulls. Reading the {@code repsFrom} attribute turns each
 * stored {@code REPS_FROM} (§5.170) into a {@code RepsFrom} with {@link #from}; {@link #toBlob} turns it back.
 *
 * <p>Unlike {@link RepsTo}, every field of the fixed header means something here, so the tuple keeps them all: the
 * schedule, the high-water mark, the partner's invocation ID and the transport, and all 32 option bits (Samba stores
 * for example {@code DRS_WRIT_REP | DRS_INIT_SYNC | DRS_PER_SYNC}, {@code 0x70}). Left out are the reserved fields
 * and the {@code PAS_DATA} a partial replica keeps after the address (§5.149), which {@link RepsFromToBlob#opaque()}
 * still holds; Samba never writes it.
 *
 * @param naDsa               the partner DC's NetworkAddress; {@code ""} when the value has none
 * @param uuidDsa             the partner's DSA GUID ({@code uuidDsaObj}; Samba: {@code source_dsa_obj_guid})
 * @param uuidInvocId         the partner's invocation ID (Samba: {@code source_dsa_invocation_id})
 * @param uuidTransportObj    objectGUID of the {@code interSiteTransport} object replication uses (Samba:
 *                            {@code transport_guid})
 * @param options             {@code ulReplicaFlags}, all {@code DRS_OPTIONS} bits as stored
 * @param schedule            {@code rtSchedule}, the periodic replication schedule
 * @param usnVec              the high-water mark of the last pull from the partner (Samba: {@code highwatermark})
 * @param resultLastAttempt   outcome of the last pull, 0 on success (Samba: {@code result_last_attempt})
 * @param consecutiveFailures failed pulls in a row, an unsigned 32-bit count
 * @param timeLastAttempt     when the last pull was attempted, or never
 * @param timeLastSuccess     when the last pull succeeded, or never
 */
public record RepsFrom(String naDsa, UUID uuidDsa, UUID uuidInvocId, UUID uuidTransportObj, ReplicaFlags options,
                       ReplTimes schedule, UsnVector usnVec, Win32Error resultLastAttempt, long consecutiveFailures,
                       DsTime timeLastAttempt, DsTime timeLastSuccess) {

    private static final long MAX_DWORD = 0xFFFF_FFFFL;

    public RepsFrom {
        Objects.requireNonNull(naDsa, "naDsa");
        Objects.requireNonNull(uuidDsa, "uuidDsa");
        Objects.requireNonNull(uuidInvocId, "uuidInvocId");
        Objects.requireNonNull(uuidTransportObj, "uuidTransportObj");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(usnVec, "usnVec");
        Objects.requireNonNull(resultLastAttempt, "resultLastAttempt");
        Objects.requireNonNull(timeLastAttempt, "timeLastAttempt");
        Objects.requireNonNull(timeLastSuccess, "timeLastSuccess");
        if (naDsa.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("naDsa cannot contain NUL");
        }
        if (consecutiveFailures < 0 || consecutiveFailures > MAX_DWORD) {
            throw new IllegalArgumentException("consecutiveFailures is a DWORD, not " + consecutiveFailures);
        }
    }

    /**
     * Reads a stored value: the network address from the {@code MTX_ADDR} (version 1) or the {@code DSA_RPC_INST}
     * instance string (version 2), every other field of the tuple from the fixed header as it is.
     */
    public static RepsFrom from(RepsFromToBlob value) {
        RepsFixedFields f = value.fixed();
        return new RepsFrom(value.networkAddress(), f.uuidDsaObj(), f.uuidInvocId(), f.uuidTransportObj(),
                f.ulReplicaFlags(), f.rtSchedule(), f.usnVec(), f.ulResultLastAttempt(),
                Integer.toUnsignedLong(f.cConsecutiveFailures()), f.timeLastAttempt(), f.timeLastSuccess());
    }

    /**
     * The value to store: the tuple's fields in place, zeros in the reserved fields, no {@code PAS_DATA}; an empty
     * {@link #naDsa} gives {@code cbOtherDraOffset = cbOtherDra = 0}.
     *
     * @param version 1 (address as {@code MTX_ADDR}, what Samba writes) or 2 (as {@code DSA_RPC_INST})
     * @param layout  whose byte layout to write
     * @throws IllegalArgumentException for another version, or a name too long for an {@code MTX_ADDR}
     */
    public RepsFromToBlob toBlob(int version, Layout layout) {
        RepsFixedFields fixed = new RepsFixedFields(0, (int) consecutiveFailures, timeLastSuccess, timeLastAttempt,
                resultLastAttempt, options, schedule, 0, usnVec, uuidDsa, uuidInvocId, uuidTransportObj);
        return RepsFromToBlob.of(version, layout, fixed, naDsa);
    }

    /** Names of the options set, lowest bit first, for example {@code [DRS_WRIT_REP, DRS_INIT_SYNC, DRS_PER_SYNC]}. */
    public List<String> optionNames() {
        return options.names();
    }
}
