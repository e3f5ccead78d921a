package org.replprov.drsr;

/**
 * Byte offsets of the {@code REPS_FROM} / {@code REPS_TO} fields (MS-DRSR §5.170, §5.171), from the start of the
 * value. The codec reads and writes at these offsets and the printer labels its lines with them.
 */
final class WireOffsets {

    static final int DW_VERSION = 0x00;
    static final int DW_RESERVED0 = 0x04;
    static final int CB = 0x08;
    static final int C_CONSECUTIVE_FAILURES = 0x0C;
    static final int TIME_LAST_SUCCESS = 0x10;
    static final int TIME_LAST_ATTEMPT = 0x18;
    static final int UL_RESULT_LAST_ATTEMPT = 0x20;
    static final int CB_OTHER_DRA_OFFSET = 0x24;
    static final int CB_OTHER_DRA = 0x28;
    static final int UL_REPLICA_FLAGS = 0x2C;
    static final int RT_SCHEDULE = 0x30;
    static final int DW_RESERVED1 = 0x84;
    static final int USN_VEC = 0x88;
    static final int UUID_DSA_OBJ = 0xA0;
    static final int UUID_INVOC_ID = 0xB0;
    static final int UUID_TRANSPORT_OBJ = 0xC0;
    /** Present in the MS-DRSR layout only; Samba's version 1 layout ends before it. */
    static final int DW_RESERVED = 0xD0;
    static final int CB_PAS_DATA_OFFSET = 0xD4;

    /** Where the fields shared by every layout end; Samba's version 1 data starts here. */
    static final int SAMBA_V1_HEADER_SIZE = 0xD0;
    /** Where the MS-DRSR header ({@code dwReserved}, {@code cbPasDataOffset} included) ends and {@code data} starts. */
    static final int HEADER_SIZE = 0xD8;

    private WireOffsets() {
    }
}
