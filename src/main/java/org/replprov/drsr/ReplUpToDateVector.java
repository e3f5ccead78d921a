package org.replprov.drsr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One {@code replUpToDateVector} value, exactly as stored on an NC root (MS-DRSR §5.166): {@code
 * UPTODATE_VECTOR_V2_EXT} or {@code UPTODATE_VECTOR_V1_EXT}, Samba's {@code replUpToDateVectorBlob}. The layout is
 * a 16-byte header and the cursors back to back, little-endian, no padding:
 *
 * <pre>
 * 0x00 dwVersion    (Samba: version)         1 or 2
 * 0x04 dwReserved1  (Samba: reserved)        0 when written by Samba
 * 0x08 cNumCursors  (Samba: ctr.count)       0..1048576 (MS-DRSR [range])
 * 0x0C dwReserved2  (Samba: ctr.reserved)    0 when written by Samba
 * 0x10 rgCursors    (Samba: ctr.cursors)     24 bytes each in version 1, 32 in version 2
 * </pre>
 *
 * Windows and Samba write version 2; version 1 is read and written for completeness. {@code cNumCursors} is
 * {@link #rgCursors()}'s size and never stored, so a value cannot disagree with itself. The reserved fields are kept
 * as read so that a decoded value re-encodes to the same bytes.
 *
 * @param dwVersion   1 or 2
 * @param dwReserved1 offset 4, as read
 * @param dwReserved2 offset 12, as read
 * @param rgCursors   the cursors in stored order; in version 1 every time is {@link NtTime#NEVER}
 */
public record ReplUpToDateVector(int dwVersion, int dwReserved1, int dwReserved2, List<UpToDateCursor> rgCursors) {

    /** Most cursors a value may hold: the {@code [range(0,1048576)]} of {@code cNumCursors} in the MS-DRSR IDL. */
    public static final int MAX_CURSORS = 1_048_576;

    /** Bytes before the first cursor. */
    static final int HEADER_SIZE = 16;

    public ReplUpToDateVector {
        if (dwVersion != 1 && dwVersion != 2) {
            throw new IllegalArgumentException("version must be 1 or 2, not " + dwVersion);
        }
        rgCursors = List.copyOf(Objects.requireNonNull(rgCursors, "rgCursors"));
        if (rgCursors.size() > MAX_CURSORS) {
            throw new IllegalArgumentException("at most " + MAX_CURSORS + " cursors, not " + rgCursors.size());
        }
        if (dwVersion == 1 && rgCursors.stream().anyMatch(c -> !c.timeLastSyncSuccess().isNever())) {
            throw new IllegalArgumentException("a version 1 cursor has no timeLastSyncSuccess");
        }
    }

    /** The value Windows and Samba write: version 2, reserved fields 0. */
    public static ReplUpToDateVector of(List<UpToDateCursor> cursors) {
        return new ReplUpToDateVector(2, 0, 0, cursors);
    }

    /** {@code cNumCursors}. */
    public int cNumCursors() {
        return rgCursors.size();
    }

    /** Bytes the encoder writes. */
    public int size() {
        return HEADER_SIZE + rgCursors.size() * UpToDateCursor.size(dwVersion);
    }

    /**
     * The cursor for the DC with invocation ID {@code invocationId}: how far this replica has applied that DC's own
     * changes (the basis of a USN backlog against the DC's {@code highestCommittedUSN}).
     */
    public Optional<UpToDateCursor> cursorFor(UUID invocationId) {
        return rgCursors.stream().filter(c -> c.uuidDsa().equals(invocationId)).findFirst();
    }
}
