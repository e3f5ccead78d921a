package org.replprov.engines.windows.wmio;

/**
 * An MS-WMIO encoding that cannot be decoded. It names the ABNF rule at fault (as MS-WMIO §2.2 names it) and the byte
 * offset of that field from the start of the bytes given to the decoder, for example
 * {@code HeapRef=0x00000130 points past the ClassHeap (length 0x0111) at offset 0x9C}.
 *
 * <p>The exception is checked so that each caller decides what a bad object means to it (skip one instance of an
 * enumeration, or fail the call); it is the only exception the decoding methods of {@link WmioCodec} throw.
 */
public final class WmioFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;

    /**
     * @param field   the rule at fault, as MS-WMIO names it ({@code ObjectEncodingLength}, {@code HeapRef}, …)
     * @param offset  byte offset of that field in the decoded bytes
     * @param problem what is wrong (the location is appended)
     */
    WmioFormatException(String field, int offset, String problem) {
        super(problem + " at offset " + String.format("0x%X", offset));
        this.field = field;
        this.offset = offset;
    }

    /** The rule at fault, for example {@code Encoded-String} or {@code PropertyCount}. */
    public String field() {
        return field;
    }

    /** Byte offset of the field from the start of the decoded bytes. */
    public int offset() {
        return offset;
    }
}
