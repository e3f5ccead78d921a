package org.replprov.drsr;

import java.util.HexFormat;

/** The few number formats the codec, its errors and the printer share, so a value looks the same everywhere. */
final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    /** A DWORD as {@code 0x%08X}, the way the specification and Windows tools print them. */
    static String dword(int value) {
        return String.format("0x%08X", value);
    }

    /** A byte offset inside a value, {@code 0x24}, {@code 0xD0}, {@code 0x130}. */
    static String offset(int offset) {
        return String.format("0x%02X", offset);
    }

    /** A blob length, {@code 0x00B4}. */
    static String length(int length) {
        return String.format("0x%04X", length);
    }

    /** Bytes as lowercase hex without separators. */
    static String bytes(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }
}
