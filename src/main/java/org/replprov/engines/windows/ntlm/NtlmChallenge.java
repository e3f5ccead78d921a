package org.replprov.engines.windows.ntlm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A CHALLENGE_MESSAGE (MS-NLMP §2.2.1.2) as the server sent it.
 *
 * @param flags its NegotiateFlags
 * @param serverChallenge the 8-byte ServerChallenge
 * @param targetName the TargetName (the server's domain or name), decoded as the flags say
 * @param targetInfo the AV pairs of TargetInfo, without the closing MsvAvEOL
 * @param bytes the whole message, as the MIC covers it (MS-NLMP §3.1.5.1.2)
 */
public record NtlmChallenge(int flags, byte[] serverChallenge, String targetName, List<AvPair> targetInfo,
                            byte[] bytes) {

    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    private static final String WHAT = "CHALLENGE_MESSAGE";
    /** The fixed part up to and including TargetInfoFields; Version follows when negotiated. */
    private static final int FIXED = 48;

    /**
     * Decodes a CHALLENGE_MESSAGE; every field must lie within the message.
     *
     * @throws NtlmException of kind MALFORMED, naming the byte offset
     */
    public static NtlmChallenge decode(byte[] m) throws NtlmException {
        if (m.length < FIXED) {
            throw NtlmException.malformed(WHAT, m.length, "the message ends after " + m.length + " bytes; "
                    + "its fixed part with TargetInfoFields has " + FIXED);
        }
        if (!Arrays.equals(m, 0, 8, SIGNATURE, 0, 8)) {
            throw NtlmException.malformed(WHAT, 0, "the Signature is not NTLMSSP");
        }
        int type = u32(m, 8);
        if (type != 2) {
            throw NtlmException.malformed(WHAT, 8, "MessageType " + type + ", expected 2");
        }
        int flags = u32(m, 20);
        byte[] nameBytes = field(m, 12, "TargetNameFields");
        String targetName = new String(nameBytes, (flags & NtlmFlags.NTLMSSP_NEGOTIATE_UNICODE) != 0
                ? StandardCharsets.UTF_16LE : StandardCharsets.US_ASCII);
        byte[] info = field(m, 40, "TargetInfoFields");
        List<AvPair> pairs = info.length == 0 ? List.of()
                : AvPair.decode(info, 0, info.length, WHAT + " TargetInfo", u32(m, 44));
        return new NtlmChallenge(flags, Arrays.copyOfRange(m, 24, 32), targetName, pairs, m.clone());
    }

    /** The payload a {Len, MaxLen, BufferOffset} field at {@code at} points to (MS-NLMP §2.2.1). */
    static byte[] field(byte[] m, int at, String name) throws NtlmException {
        int len = AvPair.u16(m, at);
        long offset = u32(m, at + 4) & 0xFFFF_FFFFL;
        if (len == 0) {
            return new byte[0];
        }
        if (offset + len > m.length) {
            throw NtlmException.malformed(WHAT, at, name + " points to bytes " + offset + ".." + (offset + len)
                    + ", beyond the message's " + m.length);
        }
        return Arrays.copyOfRange(m, (int) offset, (int) offset + len);
    }

    static int u32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
