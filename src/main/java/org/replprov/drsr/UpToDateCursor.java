package org.replprov.drsr;

import java.util.Objects;
import java.util.UUID;

/**
 * One cursor of a {@code replUpToDateVector} value: {@code UPTODATE_CURSOR_V2} (MS-DRSR; Samba:
 * {@code drsuapi_DsReplicaCursor2}), or {@code UPTODATE_CURSOR_V1} (§5.202; Samba: {@code drsuapi_DsReplicaCursor}),
 * which has no time and reads with {@link NtTime#NEVER}. A cursor says that every change the DC with invocation ID
 * {@code uuidDsa} originated up to USN {@code usnHighPropUpdate} has been applied here (§5.166).
 *
 * @param uuidDsa             offset 0: the originating DC's invocation ID (Samba: {@code source_dsa_invocation_id})
 * @param usnHighPropUpdate   offset 16: that DC's USN up to which its changes are applied (Samba:
 *                            {@code highest_usn})
 * @param timeLastSyncSuccess offset 24, version 2 only: the last successful replication from that DC, for latency
 *                            reporting only (Samba: {@code last_sync_success})
 */
public record UpToDateCursor(UUID uuidDsa, long usnHighPropUpdate, NtTime timeLastSyncSuccess) {

    /** Bytes of a version 1 cursor: GUID and USN. */
    static final int V1_SIZE = 24;

    /** Bytes of a version 2 cursor: GUID, USN and NTTIME. */
    static final int V2_SIZE = 32;

    public UpToDateCursor {
        Objects.requireNonNull(uuidDsa, "uuidDsa");
        Objects.requireNonNull(timeLastSyncSuccess, "timeLastSyncSuccess");
    }

    /** A version 1 cursor, which stores no time. */
    public static UpToDateCursor v1(UUID uuidDsa, long usnHighPropUpdate) {
        return new UpToDateCursor(uuidDsa, usnHighPropUpdate, NtTime.NEVER);
    }

    /** Bytes this cursor takes in a value of {@code version}. */
    static int size(int version) {
        return version == 1 ? V1_SIZE : V2_SIZE;
    }
}
