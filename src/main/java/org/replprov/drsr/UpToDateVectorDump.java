package org.replprov.drsr;

/**
 * The text form of a {@code replUpToDateVector} value, printed by {@code replprov reps decode --attribute
 * replUpToDateVector}: the header, then three lines per cursor, in the layout of {@link RepsDump}.
 *
 * <pre>
 * replUpToDateVector version 2 (UPTODATE_VECTOR_V2_EXT), 1 cursor, 48 bytes
 * 0x000  dwVersion                            2
 * 0x004  dwReserved1                          0x00000000
 * 0x008  cNumCursors                          1
 * 0x00C  dwReserved2                          0x00000000
 * 0x010  rgCursors[0].uuidDsa                 5fef3270-3934-46f3-8b63-b5fc9c55f981
 * 0x020  rgCursors[0].usnHighPropUpdate       4088
 * 0x028  rgCursors[0].timeLastSyncSuccess     133758358030000000 = 2024-11-11T21:56:43Z
 * </pre>
 */
public final class UpToDateVectorDump {

    private UpToDateVectorDump() {
    }

    /** The dump of {@code value}, lines ending in {@code \n}. */
    public static String dump(ReplUpToDateVector value) {
        int version = value.dwVersion();
        int count = value.cNumCursors();
        FieldLines out = new FieldLines().text("replUpToDateVector version " + version + " (UPTODATE_VECTOR_V" + version
                + "_EXT), " + count + (count == 1 ? " cursor, " : " cursors, ") + value.size() + " bytes");
        out.line(0x0, "dwVersion", Integer.toString(version));
        out.line(0x4, "dwReserved1", Hex.dword(value.dwReserved1()));
        out.line(0x8, "cNumCursors", Integer.toString(count));
        out.line(0xC, "dwReserved2", Hex.dword(value.dwReserved2()));
        int size = UpToDateCursor.size(version);
        for (int i = 0; i < count; i++) {
            UpToDateCursor cursor = value.rgCursors().get(i);
            int at = ReplUpToDateVector.HEADER_SIZE + i * size;
            String name = "rgCursors[" + i + "].";
            out.line(at, name + "uuidDsa", cursor.uuidDsa().toString());
            out.line(at + 16, name + "usnHighPropUpdate", Long.toString(cursor.usnHighPropUpdate()));
            if (version == 2) {
                out.line(at + 24, name + "timeLastSyncSuccess", cursor.timeLastSyncSuccess().toString());
            }
        }
        return out.toString();
    }
}
