package org.replprov.drsr;

/**
 * {@code USN_VECTOR} (MS-DRSR §5.210; Samba: {@code drsuapi_DsReplicaHighWaterMark}): the replication high-water mark
 * kept in a {@code REPS_FROM} value. {@code REPS_TO} does not use it and stores zeros.
 *
 * @param usnHighObjUpdate  offset 0 (Samba: {@code tmp_highest_usn})
 * @param usnReserved       offset 8 (Samba: {@code reserved_usn})
 * @param usnHighPropUpdate offset 16 (Samba: {@code highest_usn})
 */
public record UsnVector(long usnHighObjUpdate, long usnReserved, long usnHighPropUpdate) {

    /** All three USNs zero, the value {@code REPS_TO} stores. */
    public static final UsnVector ZERO = new UsnVector(0, 0, 0);

    /** Bytes on the wire: three 64-bit USNs. */
    static final int SIZE = 24;
}
