package org.replprov.engines.windows.ntlm;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The client side of one NTLMv2 authentication (MS-NLMP §3.1.5): NEGOTIATE_MESSAGE, then from the server's
 * CHALLENGE_MESSAGE the AUTHENTICATE_MESSAGE and the session keys. Only NTLMv2 with extended session security, 128-bit
 * keys, key exchange, signing and sealing: a server that offers less is refused, never met halfway. One instance
 * serves one authentication.
 */
public final class NtlmInitiator {

    /** What the NEGOTIATE_MESSAGE asks for. */
    static final int REQUESTED = NtlmFlags.NTLMSSP_NEGOTIATE_UNICODE | NtlmFlags.NTLMSSP_REQUEST_TARGET
            | NtlmFlags.NTLMSSP_NEGOTIATE_SIGN | NtlmFlags.NTLMSSP_NEGOTIATE_SEAL | NtlmFlags.NTLMSSP_NEGOTIATE_NTLM
            | NtlmFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN | NtlmFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY
            | NtlmFlags.NTLMSSP_NEGOTIATE_VERSION | NtlmFlags.NTLMSSP_NEGOTIATE_128
            | NtlmFlags.NTLMSSP_NEGOTIATE_KEY_EXCH;

    /** What the CHALLENGE_MESSAGE must grant: without any of them there is no NTLMv2 session security to speak of. */
    private static final int REQUIRED = NtlmFlags.NTLMSSP_NEGOTIATE_UNICODE | NtlmFlags.NTLMSSP_NEGOTIATE_SIGN
            | NtlmFlags.NTLMSSP_NEGOTIATE_SEAL | NtlmFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY
            | NtlmFlags.NTLMSSP_NEGOTIATE_TARGET_INFO | NtlmFlags.NTLMSSP_NEGOTIATE_128
            | NtlmFlags.NTLMSSP_NEGOTIATE_KEY_EXCH;

    /**
     * The VERSION structure (MS-NLMP §2.2.2.10): for debugging only, never checked; 10.0 build 0 and
     * NTLMSSP_REVISION_W2K3 (15).
     */
    private static final byte[] VERSION = {10, 0, 0, 0, 0, 0, 0, 15};

    /** FILETIME of the Unix epoch: 100 ns intervals since 1601-01-01. */
    private static final long EPOCH_FILETIME = 116_444_736_000_000_000L;

    /** The fixed part of an AUTHENTICATE_MESSAGE, with Version and MIC (MS-NLMP §2.2.1.3). */
    private static final int AUTHENTICATE_FIXED = 88;
    private static final int MIC_OFFSET = 72;

    /** The AUTHENTICATE_MESSAGE and the session it opens. */
    public record Authenticated(byte[] message, NtlmSession session) {
    }

    private final NtlmCredentials credentials;
    private final String targetName;
    private final SecureRandom random;
    private final Clock clock;
    private byte[] negotiate;

    /**
     * @param targetName the service principal name sent as MsvAvTargetName ({@code HTTP/fs01.example.com}), which
     *     a server hardened against relaying compares with its own names
     * @param random the source of the client challenge and the exported session key
     * @param clock for the NTLMv2 timestamp when the server sends none
     */
    public NtlmInitiator(NtlmCredentials credentials, String targetName, SecureRandom random, Clock clock) {
        this.credentials = credentials;
        this.targetName = targetName;
        this.random = random;
        this.clock = clock;
    }

    /** The NEGOTIATE_MESSAGE (MS-NLMP §2.2.1.1): no domain or workstation supplied, Version present. */
    public byte[] negotiate() {
        byte[] m = new byte[40];
        System.arraycopy(NtlmChallenge.SIGNATURE, 0, m, 0, 8);
        putU32(m, 8, 1);
        putU32(m, 12, REQUESTED);
        // DomainNameFields and WorkstationFields empty, their offsets at the payload's start
        putU32(m, 20, 40);
        putU32(m, 28, 40);
        System.arraycopy(VERSION, 0, m, 32, 8);
        negotiate = m;
        return m.clone();
    }

    /**
     * The AUTHENTICATE_MESSAGE answering {@code challengeBytes} (MS-NLMP §3.1.5.1.2) and the session security it
     * establishes.
     *
     * @throws NtlmException MALFORMED when the challenge cannot be read, REFUSED when it grants too little
     * @throws IllegalStateException before {@link #negotiate()}
     */
    public Authenticated authenticate(byte[] challengeBytes) throws NtlmException {
        if (negotiate == null) {
            throw new IllegalStateException("negotiate() first");
        }
        NtlmChallenge challenge = NtlmChallenge.decode(challengeBytes);
        int missing = REQUIRED & ~challenge.flags();
        if (missing != 0) {
            throw NtlmException.refused(String.format("the server's CHALLENGE_MESSAGE lacks flags 0x%08X of "
                    + "0x%08X: NTLMv2 with 128-bit sealing, signing and key exchange is required", missing,
                    REQUIRED));
        }
        int flags = challenge.flags() & (REQUESTED | NtlmFlags.NTLMSSP_NEGOTIATE_TARGET_INFO);

        Optional<byte[]> serverTime = AvPair.find(challenge.targetInfo(), AvPair.MSV_AV_TIMESTAMP)
                .filter(t -> t.length == 8);
        byte[] time = serverTime.orElseGet(this::now);
        byte[] clientChallenge = new byte[8];
        random.nextBytes(clientChallenge);

        // The server's pairs, MsvAvFlags with MIC_PROVIDED where a timestamp came (then the MIC is due), the
        // channel bindings (none over plain HTTP: sixteen zeros) and the target name (MS-NLMP §3.1.5.1.2).
        boolean mic = serverTime.isPresent();
        List<AvPair> pairs = new ArrayList<>();
        int avFlags = 0;
        for (AvPair p : challenge.targetInfo()) {
            if (p.id() == AvPair.MSV_AV_FLAGS && p.value().length == 4) {
                avFlags = NtlmChallenge.u32(p.value(), 0);
            } else if (p.id() != AvPair.MSV_AV_CHANNEL_BINDINGS && p.id() != AvPair.MSV_AV_TARGET_NAME) {
                pairs.add(p);
            }
        }
        if (mic) {
            avFlags |= AvPair.MIC_PROVIDED;
        }
        if (avFlags != 0) {
            byte[] v = new byte[4];
            putU32(v, 0, avFlags);
            pairs.add(new AvPair(AvPair.MSV_AV_FLAGS, v));
        }
        pairs.add(new AvPair(AvPair.MSV_AV_CHANNEL_BINDINGS, new byte[16]));
        pairs.add(AvPair.text(AvPair.MSV_AV_TARGET_NAME, targetName));

        byte[] temp = temp(time, clientChallenge, AvPair.encode(pairs));
        byte[] responseKey = NtlmCrypto.ntowfv2(credentials.password(), credentials.user(), credentials.domain());
        byte[] ntProof = NtlmCrypto.hmacMd5(responseKey, challenge.serverChallenge(), temp);
        byte[] ntResponse = concat(ntProof, temp);
        // With a timestamp from the server, LmChallengeResponse is Z(24) (MS-NLMP §3.1.5.1.2); else LMv2.
        byte[] lmResponse = mic ? new byte[24]
                : concat(NtlmCrypto.hmacMd5(responseKey, challenge.serverChallenge(), clientChallenge),
                clientChallenge);
        byte[] keyExchangeKey = NtlmCrypto.hmacMd5(responseKey, ntProof); // SessionBaseKey; KXKEY for NTLMv2
        byte[] exportedSessionKey = new byte[16];
        random.nextBytes(exportedSessionKey);
        byte[] encryptedKey = NtlmCrypto.rc4k(keyExchangeKey, exportedSessionKey);

        byte[] m = authenticateMessage(flags, lmResponse, ntResponse, encryptedKey);
        if (mic) {
            byte[] code = NtlmCrypto.hmacMd5(exportedSessionKey, negotiate, challenge.bytes(), m);
            System.arraycopy(code, 0, m, MIC_OFFSET, 16);
        }
        return new Authenticated(m, new NtlmSession(exportedSessionKey, NtlmCrypto.Direction.CLIENT_TO_SERVER));
    }

    /** The NTLMv2_CLIENT_CHALLENGE with its trailing Z(4) (MS-NLMP §2.2.2.7, §3.3.2: "temp"). */
    static byte[] temp(byte[] time, byte[] clientChallenge, byte[] avPairs) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.write(1); // RespType
        t.write(1); // HiRespType
        t.writeBytes(new byte[6]);
        t.writeBytes(time);
        t.writeBytes(clientChallenge);
        t.writeBytes(new byte[4]);
        t.writeBytes(avPairs);
        t.writeBytes(new byte[4]);
        return t.toByteArray();
    }

    /** The payload in Windows' order: domain, user, workstation (empty), LM and NT responses, the session key. */
    private byte[] authenticateMessage(int flags, byte[] lm, byte[] nt, byte[] encryptedKey) {
        byte[] domain = NtlmCrypto.utf16(credentials.domain());
        byte[] user = NtlmCrypto.utf16(credentials.user());
        byte[][] payload = {lm, nt, domain, user, new byte[0], encryptedKey};
        int[] fieldAt = {12, 20, 28, 36, 44, 52};
        int[] order = {2, 3, 4, 0, 1, 5};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = new byte[AUTHENTICATE_FIXED];
        System.arraycopy(NtlmChallenge.SIGNATURE, 0, head, 0, 8);
        putU32(head, 8, 3);
        int offset = AUTHENTICATE_FIXED;
        for (int i : order) {
            byte[] p = payload[i];
            head[fieldAt[i]] = (byte) p.length;
            head[fieldAt[i] + 1] = (byte) (p.length >>> 8);
            head[fieldAt[i] + 2] = (byte) p.length;
            head[fieldAt[i] + 3] = (byte) (p.length >>> 8);
            putU32(head, fieldAt[i] + 4, offset);
            offset += p.length;
        }
        putU32(head, 60, flags);
        System.arraycopy(VERSION, 0, head, 64, 8);
        out.writeBytes(head);
        for (int i : order) {
            out.writeBytes(payload[i]);
        }
        return out.toByteArray();
    }

    private byte[] now() {
        long filetime = EPOCH_FILETIME + clock.millis() * 10_000L;
        byte[] t = new byte[8];
        for (int i = 0; i < 8; i++) {
            t[i] = (byte) (filetime >>> (8 * i));
        }
        return t;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static void putU32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }
}
