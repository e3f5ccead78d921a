package org.replprov.engines.windows.wmio;

/**
 * A bounds-checked little-endian view of one region of the decoded bytes: a ClassPart, a heap, a qualifier set.
 * Offsets are absolute (from the start of the bytes given to the decoder), so errors point at the same place in
 * every nested structure, and every read stays inside the region, so a length that claims more than its enclosing
 * block holds is reported by the field that claims it.
 */
final class WmioReader {

    private final byte[] blob;
    private final int start;
    private final int end;

    private WmioReader(byte[] blob, int start, int end) {
        this.blob = blob;
        this.start = start;
        this.end = end;
    }

    /** The whole of {@code blob}; the reader never writes and never outlives one decode call. */
    static WmioReader of(byte[] blob) {
        return new WmioReader(blob, 0, blob.length);
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /**
     * The region of {@code length} octets at {@code offset}, which must lie inside this one.
     *
     * @param field the rule whose length defines the region, named in the error
     * @param at    the offset of that length field
     */
    WmioReader region(int offset, long length, String field, int at) throws WmioFormatException {
        if (length < 0 || offset < start || offset + length > end) {
            throw new WmioFormatException(field, at, field + "=" + String.format("0x%X", length)
                    + " runs past the end of its enclosing block (" + String.format("0x%X", end - offset)
                    + " octets left)");
        }
        return new WmioReader(blob, offset, (int) (offset + length));
    }

    int u8(int offset, String field) throws WmioFormatException {
        require(offset, 1, field);
        return blob[offset] & 0xFF;
    }

    int u16(int offset, String field) throws WmioFormatException {
        require(offset, 2, field);
        return (blob[offset] & 0xFF) | (blob[offset + 1] & 0xFF) << 8;
    }

    int u32(int offset, String field) throws WmioFormatException {
        require(offset, 4, field);
        return (blob[offset] & 0xFF)
                | (blob[offset + 1] & 0xFF) << 8
                | (blob[offset + 2] & 0xFF) << 16
                | (blob[offset + 3] & 0xFF) << 24;
    }

    long u64(int offset, String field) throws WmioFormatException {
        require(offset, 8, field);
        return Integer.toUnsignedLong(u32(offset, field)) | (long) u32(offset + 4, field) << 32;
    }

    /** A copy of {@code length} octets. */
    byte[] bytes(int offset, int length, String field) throws WmioFormatException {
        require(offset, length, field);
        return java.util.Arrays.copyOfRange(blob, offset, offset + length);
    }

    void require(int offset, long size, String field) throws WmioFormatException {
        if (offset < start || size < 0 || offset + size > end) {
            throw new WmioFormatException(field, Math.max(offset, 0), field + " needs " + size
                    + " octets but its block ends at " + String.format("0x%X", end));
        }
    }
}
