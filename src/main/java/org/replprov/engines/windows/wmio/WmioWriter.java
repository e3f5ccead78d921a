package org.replprov.engines.windows.wmio;

import java.util.Arrays;

/** Appends little-endian fields and patches lengths once they are known; the mirror of {@link WmioReader}. */
final class WmioWriter {

    private byte[] buf = new byte[256];
    private int size;

    /** Octets written so far, which is also the offset of the next field. */
    int position() {
        return size;
    }

    WmioWriter u8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    WmioWriter u16(int value) {
        return u8(value).u8(value >>> 8);
    }

    WmioWriter u32(int value) {
        return u16(value).u16(value >>> 16);
    }

    WmioWriter u64(long value) {
        return u32((int) value).u32((int) (value >>> 32));
    }

    WmioWriter bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** Overwrites the UINT32 at {@code offset}: an EncodingLength written before what it measures. */
    void patchU32(int offset, int value) {
        for (int i = 0; i < 4; i++) {
            buf[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            if ((long) size + more > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("encoding larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
