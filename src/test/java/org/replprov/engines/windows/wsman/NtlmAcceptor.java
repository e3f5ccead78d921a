package org.replprov.engines.windows.wsman;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.replprov.engines.windows.ntlm.AvPair;
import org.replprov.engines.windows.ntlm.NtlmCrypto;
import org.replprov.engines.windows.ntlm.NtlmFlags;
import org.replprov.engines.windows.ntlm.NtlmSession;

/**
 * The server side of one NTLMv2 authentication (MS-NLMP §3.2.5), as a Windows server with one account answers it: a
 * CHALLENGE_MESSAGE with target information and a timestamp, then the AUTHENTICATE_MESSAGE checked (the account, the
 * NTProofStr from the known password, the MIC where the client flags one) and the session keys derived. For tests:
 * the messages are read with Java's bounds checks and any fault is a refusal.
 */
final class NtlmAcceptor {

    /** The one account: {@code NB\\user}, {@code user@dns} or plain {@code user} all name it. */
    record Account(String nbDomain, String dnsDomain, String user, String password) {
        @Override
        public String toString() {
            return nbDomain + "\\" + user;
        }
    }

    /** The authentication was refused. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** What the acceptor saw of a successful authentication, for tests to assert. */
    record Accepted(NtlmSession session, String domain, String user, boolean micVerified, String targetName,
                    int flags) {
    }

    /** Session security without which the server refuses, as WinRM does for encrypted HTTP. */
    static final int REQUIRED = NtlmFlags.NTLMSSP_NEGOTIATE_SIGN | NtlmFlags.NTLMSSP_NEGOTIATE_SEAL
            | NtlmFlags.NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | NtlmFlags.NTLMSSP_NEGOTIATE_128
            | NtlmFlags.NTLMSSP_NEGOTIATE_KEY_EXCH;
    /** NTLM_NEGOTIATE_OEM (MS-NLMP §2.2.2.5): names in the OEM code page; ntlm-auth asks for it, not UNICODE. */
    private static final int OEM = 0x2;
    private static final int SUPPORTED = REQUIRED | NtlmFlags.NTLMSSP_NEGOTIATE_UNICODE
            | NtlmFlags.NTLMSSP_NEGOTIATE_NTLM
            | NtlmFlags.NTLMSSP_NEGOTIATE_ALWAYS_SIGN | NtlmFlags.NTLMSSP_NEGOTIATE_VERSION
            | NtlmFlags.NTLMSSP_REQUEST_TARGET;
    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

    private final Account account;
    private final SecureRandom random;
    private byte[] negotiate;
    private byte[] challenge;
    private byte[] serverChallenge;

    NtlmAcceptor(Account account, SecureRandom random) {
        this.account = account;
        this.random = random;
    }

    /** The CHALLENGE_MESSAGE answering a NEGOTIATE_MESSAGE (MS-NLMP §2.2.1.2). */
    byte[] challenge(byte[] negotiateMessage) throws Refused {
        check(negotiateMessage, 1, 16);
        int asked = u32(negotiateMessage, 12);
        if ((asked & REQUIRED) != REQUIRED) {
            throw new Refused(String.format("the client asks for flags 0x%08X, without all of 0x%08X", asked,
                    REQUIRED));
        }
        negotiate = negotiateMessage.clone();
        serverChallenge = new byte[8];
        random.nextBytes(serverChallenge);
        // Unicode where the client can, else OEM (MS-NLMP §3.2.5.1.1)
        int flags = asked & SUPPORTED | NtlmFlags.NTLMSSP_NEGOTIATE_TARGET_INFO
                | NtlmFlags.NTLMSSP_TARGET_TYPE_DOMAIN | NtlmFlags.NTLMSSP_NEGOTIATE_VERSION
                | ((asked & NtlmFlags.NTLMSSP_NEGOTIATE_UNICODE) == 0 ? OEM : 0);
        long filetime = 116_444_736_000_000_000L + System.currentTimeMillis() * 10_000L;
        byte[] time = new byte[8];
        for (int i = 0; i < 8; i++) {
            time[i] = (byte) (filetime >>> (8 * i));
        }
        byte[] info = AvPair.encode(List.of(
                AvPair.text(AvPair.MSV_AV_NB_DOMAIN_NAME, account.nbDomain()),
                AvPair.text(AvPair.MSV_AV_NB_COMPUTER_NAME, "FS01"),
                AvPair.text(AvPair.MSV_AV_DNS_DOMAIN_NAME, account.dnsDomain()),
                AvPair.text(AvPair.MSV_AV_DNS_COMPUTER_NAME, "fs01." + account.dnsDomain()),
                new AvPair(AvPair.MSV_AV_TIMESTAMP, time)));
        byte[] name = account.nbDomain().getBytes((flags & NtlmFlags.NTLMSSP_NEGOTIATE_UNICODE) != 0
                ? StandardCharsets.UTF_16LE : StandardCharsets.US_ASCII);
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        byte[] head = new byte[56];
        System.arraycopy(SIGNATURE, 0, head, 0, 8);
        put32(head, 8, 2);
        put16(head, 12, name.length);
        put16(head, 14, name.length);
        put32(head, 16, 56);
        put32(head, 20, flags);
        System.arraycopy(serverChallenge, 0, head, 24, 8);
        put16(head, 40, info.length);
        put16(head, 42, info.length);
        put32(head, 44, 56 + name.length);
        System.arraycopy(new byte[] {10, 0, 0x61, 0x4a, 0, 0, 0, 15}, 0, head, 48, 8);
        m.writeBytes(head);
        m.writeBytes(name);
        m.writeBytes(info);
        challenge = m.toByteArray();
        return challenge.clone();
    }

    /** Verifies an AUTHENTICATE_MESSAGE (MS-NLMP §3.2.5.1.2) and derives the session. */
    Accepted accept(byte[] m) throws Refused {
        if (challenge == null) {
            throw new Refused("AUTHENTICATE before CHALLENGE");
        }
        check(m, 3, 88);
        byte[] nt = field(m, 20);
        int flags = u32(m, 60);
        java.nio.charset.Charset names = (flags & NtlmFlags.NTLMSSP_NEGOTIATE_UNICODE) != 0
                ? StandardCharsets.UTF_16LE : StandardCharsets.US_ASCII;
        String domain = new String(field(m, 28), names);
        String user = new String(field(m, 36), names);
        byte[] encryptedKey = field(m, 52);
        if (!names(domain, user)) {
            throw new Refused("unknown account " + domain + "\\" + user);
        }
        if (nt.length < 16 + 28 + 4) {
            throw new Refused("an NT response of " + nt.length + " bytes is not NTLMv2");
        }
        if ((flags & REQUIRED) != REQUIRED) {
            throw new Refused(String.format("the AUTHENTICATE flags 0x%08X lack some of 0x%08X", flags, REQUIRED));
        }
        byte[] responseKey = NtlmCrypto.ntowfv2(account.password(), user, domain);
        byte[] proof = Arrays.copyOf(nt, 16);
        byte[] temp = Arrays.copyOfRange(nt, 16, nt.length);
        if (!MessageDigest.isEqual(proof, Arrays.copyOf(NtlmCrypto.hmacMd5(responseKey, serverChallenge, temp),
                16))) {
            throw new Refused("the NTLMv2 response does not verify: wrong password");
        }
        byte[] sessionBaseKey = NtlmCrypto.hmacMd5(responseKey, proof);
        if (encryptedKey.length != 16) {
            throw new Refused("no EncryptedRandomSessionKey");
        }
        byte[] exported = NtlmCrypto.rc4k(sessionBaseKey, encryptedKey);
        List<AvPair> pairs;
        try {
            pairs = AvPair.decode(temp, 28, temp.length - 28, "NTLMv2_CLIENT_CHALLENGE", 16);
        } catch (org.replprov.engines.windows.ntlm.NtlmException e) {
            throw new Refused(e.getMessage());
        }
        Optional<byte[]> avFlags = AvPair.find(pairs, AvPair.MSV_AV_FLAGS);
        boolean mic = avFlags.isPresent() && (u32(avFlags.get(), 0) & AvPair.MIC_PROVIDED) != 0;
        if (mic) {
            byte[] zeroed = m.clone();
            Arrays.fill(zeroed, 72, 88, (byte) 0);
            byte[] expected = NtlmCrypto.hmacMd5(exported, negotiate, challenge, zeroed);
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(m, 72, 88))) {
                throw new Refused("the MIC does not verify: the messages were altered");
            }
        }
        String target = AvPair.find(pairs, AvPair.MSV_AV_TARGET_NAME)
                .map(b -> new String(b, StandardCharsets.UTF_16LE)).orElse("");
        return new Accepted(new NtlmSession(exported, NtlmCrypto.Direction.SERVER_TO_CLIENT), domain, user, mic,
                target, flags);
    }

    private boolean names(String domain, String user) {
        String u = user.toLowerCase(Locale.ROOT);
        String me = account.user().toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) {
            return u.equals(me) || u.equals(me + "@" + account.dnsDomain().toLowerCase(Locale.ROOT));
        }
        return u.equals(me) && (domain.equalsIgnoreCase(account.nbDomain())
                || domain.equalsIgnoreCase(account.dnsDomain()));
    }

    private static void check(byte[] m, int type, int min) throws Refused {
        if (m.length < min || !Arrays.equals(m, 0, 8, SIGNATURE, 0, 8) || u32(m, 8) != type) {
            throw new Refused("not an NTLM message of type " + type);
        }
    }

    private static byte[] field(byte[] m, int at) throws Refused {
        int len = (m[at] & 0xFF) | (m[at + 1] & 0xFF) << 8;
        long off = u32(m, at + 4) & 0xFFFF_FFFFL;
        if (off + len > m.length) {
            throw new Refused("a field at " + at + " points beyond the message");
        }
        return Arrays.copyOfRange(m, (int) off, (int) off + len);
    }

    private static int u32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    private static void put16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }

    private static void put32(byte[] b, int p, int v) {
        put16(b, p, v);
        put16(b, p + 2, v >>> 16);
    }
}
