package org.replprov.drsr;

import java.util.Arrays;
import java.util.UUID;

/**
 * A bounds-checked little-endian view of one blob. Every read names the field it is for, so a value that is too short
 * produces a {@link MalformedBlobException} pointing at that field instead of an index exception. Offsets are
 * absolute (from the start of the value), as in the MS-DRSR layout tables.
 */
final class LeReader {

    private final byte[] blob;

    /** Wraps {@code blob} without copying: the reader never writes and never outlives one decode call. */
    LeReader(byte[] blob) {
        this.blob = blob;
    }

    int length() {
        return blob.length;
    }

    int u8(int offset, String field) throws MalformedBlobException {
        require(offset, 1, field);
        return blob[offset] & 0xFF;
    }

    int u16(int offset, String field) throws MalformedBlobException {
        require(offset, 2, field);
        return (blob[offset] & 0xFF) | (blob[offset + 1] & 0xFF) << 8;
    }

    int u32(int offset, String field) throws MalformedBlobException {
        require(offset, 4, field);
        return (blob[offset] & 0xFF)
                | (blob[offset + 1] & 0xFF) << 8
                | (blob[offset + 2] & 0xFF) << 16
                | (blob[offset + 3] & 0xFF) << 24;
    }

    long i64(int offset, String field) throws MalformedBlobException {
        require(offset, 8, field);
        return Integer.toUnsignedLong(u32(offset, field)) | (long) u32(offset + 4, field) << 32;
    }

    byte[] bytes(int offset, int length, String field) throws MalformedBlobException {
        require(offset, length, field);
        return Arrays.copyOfRange(blob, offset, offset + length);
    }

    /**
     * A GUID in MS-DTYP §2.3.4 order: Data1 (32 bits), Data2 and Data3 (16 bits each) little-endian, then Data4 as 8
     * bytes in order. {@link UUID} holds the same value big-endian, hence the swaps.
     */
    UUID guid(int offset, String field) throws MalformedBlobException {
        require(offset, 16, field);
        long data1 = Integer.toUnsignedLong(u32(offset, field));
        long data2 = u16(offset + 4, field);
        long data3 = u16(offset + 6, field);
        long data4 = 0;
        for (int i = 8; i < 16; i++) {
            data4 = data4 << 8 | (blob[offset + i] & 0xFF);
        }
        return new UUID(data1 << 32 | data2 << 16 | data3, data4);
    }

    private void require(int offset, int size, String field) throws MalformedBlobException {
        if (offset < 0 || size < 0 || (long) offset + size > blob.length) {
            throw new MalformedBlobException(field, offset,
                    field + " needs " + size + " bytes but the blob ends (len=" + Hex.length(blob.length) + ")");
        }
    }
}
