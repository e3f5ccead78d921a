package org.replprov.drsr;

import java.util.Objects;
import java.util.UUID;

/**
 * The fixed fields every {@code REPS_FROM} / {@code REPS_TO} value has at offsets 4..207 (MS-DRSR §5.170, §5.171),
 * except {@code cb}, {@code cbOtherDraOffset} and {@code cbOtherDra}, which the encoder computes. Names are those of
 * the specification; Samba's {@code drsblobs.idl} names are given for cross-reference.
 *
 * @param dwReserved0          offset 4, MUST be 0 (Samba: {@code reserved})
 * @param cConsecutiveFailures offset 12, failed attempts in a row (Samba: {@code consecutive_sync_failures})
 * @param timeLastSuccess      offset 16, last success, 0 = never (Samba: {@code last_success})
 * @param timeLastAttempt      offset 24, last attempt, 0 = never (Samba: {@code last_attempt})
 * @param ulResultLastAttempt  offset 32, outcome of the last attempt (Samba: {@code result_last_attempt})
 * @param ulReplicaFlags       offset 44, {@code DRS_OPTIONS} bits (Samba: {@code replica_flags})
 * @param rtSchedule           offset 48, replication schedule (Samba: {@code schedule})
 * @param dwReserved1          offset 132, MUST be 0 (Samba: {@code reserved})
 * @param usnVec               offset 136, high-water mark (Samba: {@code highwatermark})
 * @param uuidDsaObj           offset 160, the partner DC's DSA object GUID (Samba: {@code source_dsa_obj_guid})
 * @param uuidInvocId          offset 176, the partner's invocation ID (Samba: {@code source_dsa_invocation_id})
 * @param uuidTransportObj     offset 192, the transport object's GUID (Samba: {@code transport_guid})
 */
public record RepsFixedFields(int dwReserved0, int cConsecutiveFailures, DsTime timeLastSuccess,
                              DsTime timeLastAttempt, Win32Error ulResultLastAttempt, ReplicaFlags ulReplicaFlags,
                              ReplTimes rtSchedule, int dwReserved1, UsnVector usnVec, UUID uuidDsaObj,
                              UUID uuidInvocId, UUID uuidTransportObj) {

    /** The all-zero GUID that unused GUID fields hold. */
    public static final UUID NULL_GUID = new UUID(0, 0);

    public RepsFixedFields {
        Objects.requireNonNull(timeLastSuccess, "timeLastSuccess");
        Objects.requireNonNull(timeLastAttempt, "timeLastAttempt");
        Objects.requireNonNull(ulResultLastAttempt, "ulResultLastAttempt");
        Objects.requireNonNull(ulReplicaFlags, "ulReplicaFlags");
        Objects.requireNonNull(rtSchedule, "rtSchedule");
        Objects.requireNonNull(usnVec, "usnVec");
        Objects.requireNonNull(uuidDsaObj, "uuidDsaObj");
        Objects.requireNonNull(uuidInvocId, "uuidInvocId");
        Objects.requireNonNull(uuidTransportObj, "uuidTransportObj");
    }
}
