package org.replprov.drsr;

import java.io.ByteArrayOutputStream;
import java.util.UUID;

/** Appends little-endian fields; the mirror of {@link LeReader}. */
final class LeWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /** Bytes written so far, which is also the offset of the next field. */
    int position() {
        return out.size();
    }

    LeWriter u16(int value) {
        out.write(value);
        out.write(value >>> 8);
        return this;
    }

    LeWriter u32(int value) {
        return u16(value).u16(value >>> 16);
    }

    LeWriter i64(long value) {
        return u32((int) value).u32((int) (value >>> 32));
    }

    LeWriter bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    LeWriter bytes(Bytes bytes) {
        return bytes(bytes.toArray());
    }

    /** A GUID in MS-DTYP §2.3.4 order (see {@link LeReader#guid}). */
    LeWriter guid(UUID guid) {
        long high = guid.getMostSignificantBits();
        u32((int) (high >>> 32)).u16((int) (high >>> 16)).u16((int) high);
        long low = guid.getLeastSignificantBits();
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (low >>> shift));
        }
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
