package org.replprov.engines.windows.ntlm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One AV_PAIR of a target information list (MS-NLMP §2.2.2.1): an AvId and its value.
 *
 * @param id the AvId ({@link #MSV_AV_TIMESTAMP}, …)
 * @param value the value's bytes
 */
public record AvPair(int id, byte[] value) {

    public static final int MSV_AV_EOL = 0;
    public static final int MSV_AV_NB_COMPUTER_NAME = 1;
    public static final int MSV_AV_NB_DOMAIN_NAME = 2;
    public static final int MSV_AV_DNS_COMPUTER_NAME = 3;
    public static final int MSV_AV_DNS_DOMAIN_NAME = 4;
    public static final int MSV_AV_FLAGS = 6;
    public static final int MSV_AV_TIMESTAMP = 7;
    public static final int MSV_AV_TARGET_NAME = 9;
    public static final int MSV_AV_CHANNEL_BINDINGS = 10;
    /** MsvAvFlags bit: the AUTHENTICATE_MESSAGE carries a MIC (MS-NLMP §2.2.2.1). */
    public static final int MIC_PROVIDED = 0x2;

    /** A pair whose value is UTF-16LE text (the names). */
    public static AvPair text(int id, String text) {
        return new AvPair(id, NtlmCrypto.utf16(text));
    }

    /**
     * The pairs of {@code buf[off, off+len)}, up to MsvAvEOL, which must be there; the EOL is not in the list.
     *
     * @param what the message, for errors ({@code CHALLENGE_MESSAGE TargetInfo})
     * @param base the offset of {@code buf[0]} in that message, so that errors name the message's own offsets
     */
    public static List<AvPair> decode(byte[] buf, int off, int len, String what, int base) throws NtlmException {
        List<AvPair> pairs = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (true) {
            if (end - p < 4) {
                throw NtlmException.malformed(what, base + p, "the AV_PAIR list ends without MsvAvEOL");
            }
            int id = u16(buf, p);
            int size = u16(buf, p + 2);
            if (size > end - p - 4) {
                throw NtlmException.malformed(what, base + p, "AV_PAIR " + id + " claims " + size
                        + " bytes; " + (end - p - 4) + " are left");
            }
            if (id == MSV_AV_EOL) {
                return List.copyOf(pairs);
            }
            byte[] value = new byte[size];
            System.arraycopy(buf, p + 4, value, 0, size);
            pairs.add(new AvPair(id, value));
            p += 4 + size;
        }
    }

    /** The pairs followed by MsvAvEOL. */
    public static byte[] encode(List<AvPair> pairs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (AvPair pair : pairs) {
            out.write(pair.id);
            out.write(pair.id >>> 8);
            out.write(pair.value.length);
            out.write(pair.value.length >>> 8);
            out.writeBytes(pair.value);
        }
        out.writeBytes(new byte[4]);
        return out.toByteArray();
    }

    /** The value of the first pair with this id. */
    public static Optional<byte[]> find(List<AvPair> pairs, int id) {
        return pairs.stream().filter(p -> p.id == id).map(AvPair::value).findFirst();
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }
}
