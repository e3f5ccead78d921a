package org.replprov.engines.windows.ntlm;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * NTLM session security after an NTLMv2 authentication with extended session security and key exchange
 * (MS-NLMP §3.4): each message sealed with RC4 and signed with a MAC of version 1, the first eight bytes of
 * HMAC_MD5(SigningKey, SeqNum + Message) sealed by the same RC4 handle, and the sequence number (§3.4.4.2). Each
 * direction has its own keys, RC4 handle and sequence number, all running on from message to message
 * (connection-oriented, §3.4.1). Not thread-safe: one conversation's messages are sealed in their order.
 */
public final class NtlmSession {

    /** The signature's length in bytes (MS-NLMP §2.2.2.9.1). */
    public static final int SIGNATURE_LENGTH = 16;

    /** A sealed message and its signature. */
    public record Sealed(byte[] signature, byte[] message) {
    }

    private final byte[] outSignKey;
    private final Cipher outSeal;
    private final byte[] inSignKey;
    private final Cipher inSeal;
    private int outSeq;
    private int inSeq;

    /**
     * The session of one side: it sends with the keys of {@code outgoing} and receives with the other direction's.
     *
     * @param exportedSessionKey the key both sides derived (MS-NLMP §3.1.5.1.2, ExportedSessionKey)
     */
    public NtlmSession(byte[] exportedSessionKey, NtlmCrypto.Direction outgoing) {
        NtlmCrypto.Direction incoming = outgoing == NtlmCrypto.Direction.CLIENT_TO_SERVER
                ? NtlmCrypto.Direction.SERVER_TO_CLIENT : NtlmCrypto.Direction.CLIENT_TO_SERVER;
        this.outSignKey = NtlmCrypto.signKey(exportedSessionKey, outgoing);
        this.outSeal = NtlmCrypto.rc4(NtlmCrypto.sealKey(exportedSessionKey, outgoing));
        this.inSignKey = NtlmCrypto.signKey(exportedSessionKey, incoming);
        this.inSeal = NtlmCrypto.rc4(NtlmCrypto.sealKey(exportedSessionKey, incoming));
    }

    /** SEAL (MS-NLMP §3.4.3): the message through RC4, then its signature, which advances the sequence number. */
    public Sealed seal(byte[] message) {
        byte[] sealed = outSeal.update(message);
        byte[] signature = mac(outSignKey, outSeal, outSeq++, message);
        return new Sealed(signature, sealed == null ? new byte[0] : sealed);
    }

    /**
     * UNSEAL (MS-NLMP §3.4.3) and verify: the signature must be the one this side computes for the next expected
     * sequence number. After a failure the session is out of step for good (the RC4 state has moved on): the caller
     * drops it.
     *
     * @throws NtlmException of kind INTEGRITY when the signature does not verify
     */
    public byte[] unseal(byte[] sealed, byte[] signature) throws NtlmException {
        if (signature.length != SIGNATURE_LENGTH) {
            throw NtlmException.integrity("the signature is " + signature.length + " bytes, not "
                    + SIGNATURE_LENGTH);
        }
        byte[] plain = inSeal.update(sealed);
        plain = plain == null ? new byte[0] : plain;
        int seq = inSeq++;
        byte[] expected = mac(inSignKey, inSeal, seq, plain);
        if (!MessageDigest.isEqual(expected, signature)) {
            int theirs = (signature[12] & 0xFF) | (signature[13] & 0xFF) << 8 | (signature[14] & 0xFF) << 16
                    | (signature[15] & 0xFF) << 24;
            throw NtlmException.integrity(theirs != seq
                    ? "the message carries sequence number " + Integer.toUnsignedString(theirs) + ", expected "
                    + Integer.toUnsignedString(seq) + " (replayed, reordered or lost)"
                    : "the message's signature does not verify (tampered with, or sealed with other keys)");
        }
        return plain;
    }

    /** MAC with extended session security and key exchange (MS-NLMP §3.4.4.2). */
    private static byte[] mac(byte[] signKey, Cipher handle, int seq, byte[] message) {
        byte[] seqBytes = {(byte) seq, (byte) (seq >>> 8), (byte) (seq >>> 16), (byte) (seq >>> 24)};
        byte[] checksum = handle.update(Arrays.copyOf(NtlmCrypto.hmacMd5(signKey, seqBytes, message), 8));
        byte[] sig = new byte[SIGNATURE_LENGTH];
        sig[0] = 1; // Version
        System.arraycopy(checksum, 0, sig, 4, 8);
        System.arraycopy(seqBytes, 0, sig, 12, 4);
        return sig;
    }
}
