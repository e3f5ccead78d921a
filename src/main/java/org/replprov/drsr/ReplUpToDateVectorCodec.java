package org.replprov.drsr;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code replUpToDateVector} values ({@link ReplUpToDateVector}; MS-DRSR §5.166, Samba's
 * {@code replUpToDateVectorBlob}).
 *
 * <p>Decoding distrusts the input: the whole header is read first, {@code cNumCursors} is checked against the MS-DRSR
 * limit and against the bytes that follow the header before anything is allocated, and the value must end exactly
 * after the last cursor (as Samba's {@code ndr_unpack} demands). Every problem is a {@link MalformedBlobException}
 * naming the field and its offset. Whatever it accepts re-encodes to the same bytes.
 */
public final class ReplUpToDateVectorCodec {

    private static final int DW_VERSION = 0x00;
    private static final int DW_RESERVED1 = 0x04;
    private static final int C_NUM_CURSORS = 0x08;
    private static final int DW_RESERVED2 = 0x0C;

    private ReplUpToDateVectorCodec() {
    }

    /**
     * Decodes one stored value.
     *
     * @throws MalformedBlobException if the bytes are not exactly one version 1 or 2 value
     */
    public static ReplUpToDateVector decode(byte[] blob) throws MalformedBlobException {
        LeReader in = new LeReader(blob);
        int dwVersion = in.u32(DW_VERSION, "dwVersion");
        if (dwVersion != 1 && dwVersion != 2) {
            throw new MalformedBlobException("dwVersion", DW_VERSION,
                    "dwVersion=" + Hex.dword(dwVersion) + " is neither 1 nor 2");
        }
        int dwReserved1 = in.u32(DW_RESERVED1, "dwReserved1");
        long count = Integer.toUnsignedLong(in.u32(C_NUM_CURSORS, "cNumCursors"));
        int dwReserved2 = in.u32(DW_RESERVED2, "dwReserved2");
        if (count > ReplUpToDateVector.MAX_CURSORS) {
            throw new MalformedBlobException("cNumCursors", C_NUM_CURSORS, "cNumCursors=" + Hex.dword((int) count)
                    + " is above the limit of " + ReplUpToDateVector.MAX_CURSORS);
        }
        int cursorSize = UpToDateCursor.size(dwVersion);
        long needed = count * cursorSize;
        long available = blob.length - ReplUpToDateVector.HEADER_SIZE;
        if (needed > available) {
            throw new MalformedBlobException("cNumCursors", C_NUM_CURSORS, "cNumCursors=" + count + " needs "
                    + Hex.length((int) needed) + " bytes of version " + dwVersion + " cursors but "
                    + Hex.length((int) available) + " follow the header (len=" + Hex.length(blob.length) + ")");
        }
        int end = ReplUpToDateVector.HEADER_SIZE + (int) needed;
        if (end < blob.length) {
            throw new MalformedBlobException("rgCursors", end, "rgCursors ends at " + Hex.offset(end) + " but "
                    + (blob.length - end) + " more bytes follow (len=" + Hex.length(blob.length) + ")");
        }
        List<UpToDateCursor> cursors = new ArrayList<>((int) count);
        for (int i = 0, at = ReplUpToDateVector.HEADER_SIZE; i < count; i++, at += cursorSize) {
            String name = "rgCursors[" + i + "].";
            cursors.add(new UpToDateCursor(
                    in.guid(at, name + "uuidDsa"),
                    in.i64(at + 16, name + "usnHighPropUpdate"),
                    dwVersion == 1 ? NtTime.NEVER : new NtTime(in.i64(at + 24, name + "timeLastSyncSuccess"))));
        }
        return new ReplUpToDateVector(dwVersion, dwReserved1, dwReserved2, cursors);
    }

    /** Encodes a value; {@code cNumCursors} is computed, the rest is written as held. */
    public static byte[] encode(ReplUpToDateVector value) {
        LeWriter out = new LeWriter()
                .u32(value.dwVersion())
                .u32(value.dwReserved1())
                .u32(value.cNumCursors())
                .u32(value.dwReserved2());
        for (UpToDateCursor cursor : value.rgCursors()) {
            out.guid(cursor.uuidDsa()).i64(cursor.usnHighPropUpdate());
            if (value.dwVersion() == 2) {
                out.i64(cursor.timeLastSyncSuccess().ticks());
            }
        }
        return out.toByteArray();
    }
}
