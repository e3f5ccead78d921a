package org.replprov.engines.windows.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NTLM functions against known answers: MS-NLMP §4.2.4's NTLMv2 and sealing examples, and a Windows client's
 * captured exchange with a Windows server (published with its password as a test vector): its CHALLENGE decoded,
 * its NTProofStr, encrypted session key and MIC recomputed. Then the initiator's own messages and the decoder's
 * refusals of malformed challenges, each naming the byte offset.
 */
class NtlmTest {

    private static final HexFormat HEX = HexFormat.of();

    // A Windows client's exchange with a Windows server: user cbatt-adm@DAN.VMCLOUD (sent as a UPN, empty domain)
    private static final byte[] NEGOTIATE = Base64.getDecoder().decode(
            "TlRMTVNTUAABAAAAt4II4gAAAAAAAAAAAAAAAAAAAAAKAPRlAAAADw==");
    private static final byte[] CHALLENGE = Base64.getDecoder().decode(
            "TlRMTVNTUAACAAAAFAAUADgAAAA1gonil+dqePIrdg0AAAAAAAAAAKQApABMAAAACgB8TwAAAA9EAEEATgBWAE0AQwBMAE8AVQBEAAIA"
            + "FABEAEEATgBWAE0AQwBMAE8AVQBEAAEAFABPAFAALQBBAEcARQBOAFQALQAyAAQAFgBkAGEAbgAuAHYAbQBjAGwAbwB1AGQAAwAsAG8"
            + "AcAAtAGEAZwBlAG4AdAAtADIALgBkAGEAbgAuAHYAbQBjAGwAbwB1AGQABQAWAGQAYQBuAC4AdgBtAGMAbABvAHUAZAAHAAgAfsYb+x"
            + "HQ2wEAAAAA");
    private static final byte[] AUTHENTICATE = Base64.getDecoder().decode(
            "TlRMTVNTUAADAAAAGAAYAJAAAABIAUgBqAAAAAAAAABYAAAAKgAqAFgAAAAOAA4AggAAABAAEADwAQAANYKI4goA9GUAAAAPGVOLfgr"
            + "NuV4G+bj5lntDMWMAYgBhAHQAdAAtAGEAZABtAEAARABBAE4ALgBWAE0AQwBMAE8AVQBEAEMATwBEAFkALQBQADIAAAAAAAAAAAAA"
            + "AAAAAAAAAAAAAAAAAAAApEqfvP8k9f1Owh+lzwyIQgEBAAAAAAAAfsYb+xHQ2wGZgt6VbIpnVgAAAAACABQARABBAE4AVgBNAEMATAB"
            + "PAFUARAABABQATwBQAC0AQQBHAEUATgBUAC0AMgAEABYAZABhAG4ALgB2AG0AYwBsAG8AdQBkAAMALABvAHAALQBhAGcAZQBuAHQAL"
            + "QAyAC4AZABhAG4ALgB2AG0AYwBsAG8AdQBkAAUAFgBkAGEAbgAuAHYAbQBjAGwAbwB1AGQABwAIAH7GG/sR0NsBBgAEAAIAAAAIADA"
            + "AMAAAAAAAAAABAAAAACAAAEWsKutBL4aeXRpQvnnBz7MrFhsq885m1WptBtxbo4I8CgAQAAAAAAAAAAAAAAAAAAAAAAAJACAASABPAF"
            + "MAVAAvADEAMAAuADMALgA2ADMALgAyADMANwAAAAAAAAAAAOtG7gHRH3EZyl+55rg3eug=");

    @Test
    void ntlmv2MatchesMsNlmpSection424() {
        byte[] key = NtlmCrypto.ntowfv2("Password", "User", "Domain");
        assertThat(HEX.formatHex(key)).isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
        // temp with Time 0, ClientChallenge aa..aa and the AV pairs NbDomainName "Domain", NbComputerName "Server"
        byte[] temp = NtlmInitiator.temp(new byte[8], HEX.parseHex("aaaaaaaaaaaaaaaa"), AvPair.encode(List.of(
                AvPair.text(AvPair.MSV_AV_NB_DOMAIN_NAME, "Domain"),
                AvPair.text(AvPair.MSV_AV_NB_COMPUTER_NAME, "Server"))));
        byte[] proof = NtlmCrypto.hmacMd5(key, HEX.parseHex("0123456789abcdef"), temp);
        assertThat(HEX.formatHex(proof)).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        byte[] sessionBaseKey = NtlmCrypto.hmacMd5(key, proof);
        assertThat(HEX.formatHex(sessionBaseKey)).isEqualTo("8de40ccadbc14a82f15cb0ad0de95ca3");
        assertThat(HEX.formatHex(NtlmCrypto.rc4k(sessionBaseKey, fill(16, 0x55))))
                .isEqualTo("c5dad2544fc9799094ce1ce90bc9d03e");
    }

    @Test
    void sealingMatchesMsNlmpSection4244AndRunsOnAcrossMessages() throws Exception {
        NtlmSession client = new NtlmSession(fill(16, 0x55), NtlmCrypto.Direction.CLIENT_TO_SERVER);
        byte[] plaintext = "Plaintext".getBytes(StandardCharsets.UTF_16LE);
        NtlmSession.Sealed first = client.seal(plaintext);
        assertThat(HEX.formatHex(first.message())).isEqualTo("54e50165bf1936dc996020c1811b0f06fb5f");
        assertThat(HEX.formatHex(first.signature())).isEqualTo("010000007fb38ec5c55d497600000000");
        NtlmSession.Sealed second = client.seal(plaintext);
        assertThat(HEX.formatHex(second.signature())).endsWith("01000000");

        NtlmSession server = new NtlmSession(fill(16, 0x55), NtlmCrypto.Direction.SERVER_TO_CLIENT);
        assertThat(server.unseal(first.message(), first.signature())).isEqualTo(plaintext);
        assertThat(server.unseal(second.message(), second.signature())).isEqualTo(plaintext);
        NtlmSession.Sealed answer = server.seal("Answer".getBytes(StandardCharsets.UTF_16LE));
        assertThat(client.unseal(answer.message(), answer.signature()))
                .isEqualTo("Answer".getBytes(StandardCharsets.UTF_16LE));
    }

    @Test
    void aReplayedOrTamperedMessageFailsItsIntegrityCheck() throws Exception {
        NtlmSession client = new NtlmSession(fill(16, 0x11), NtlmCrypto.Direction.CLIENT_TO_SERVER);
        NtlmSession server = new NtlmSession(fill(16, 0x11), NtlmCrypto.Direction.SERVER_TO_CLIENT);
        NtlmSession.Sealed m = client.seal(new byte[] {1, 2, 3});
        server.unseal(m.message(), m.signature());
        assertThatThrownBy(() -> server.unseal(m.message(), m.signature()))
                .isInstanceOfSatisfying(NtlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(NtlmException.Kind.INTEGRITY);
                    assertThat(e.getMessage()).contains("sequence number 0, expected 1");
                });
        NtlmSession other = new NtlmSession(fill(16, 0x11), NtlmCrypto.Direction.SERVER_TO_CLIENT);
        NtlmSession fresh = new NtlmSession(fill(16, 0x11), NtlmCrypto.Direction.CLIENT_TO_SERVER);
        NtlmSession.Sealed first = fresh.seal(new byte[] {4, 5, 6});
        byte[] bad = first.message().clone();
        bad[1] ^= 0x40;
        assertThatThrownBy(() -> other.unseal(bad, first.signature()))
                .isInstanceOfSatisfying(NtlmException.class,
                        e -> assertThat(e.getMessage()).contains("signature does not verify"));
    }

    @Test
    void aWindowsExchangeDecodesAndItsKeysAndMicRecompute() throws Exception {
        NtlmChallenge c = NtlmChallenge.decode(CHALLENGE);
        assertThat(c.flags()).isEqualTo(0xe2898235);
        assertThat(HEX.formatHex(c.serverChallenge())).isEqualTo("97e76a78f22b760d");
        assertThat(c.targetName()).isEqualTo("DANVMCLOUD");
        assertThat(c.targetInfo()).extracting(AvPair::id).containsExactly(2, 1, 4, 3, 5, 7);
        assertThat(AvPair.find(c.targetInfo(), AvPair.MSV_AV_TIMESTAMP).map(HEX::formatHex))
                .hasValue("7ec61bfb11d0db01");

        // the NT response of the captured AUTHENTICATE: NTProofStr then temp
        byte[] nt = Arrays.copyOfRange(AUTHENTICATE, 0xa8, 0xa8 + 0x148);
        byte[] temp = Arrays.copyOfRange(nt, 16, nt.length);
        NtlmCredentials who = NtlmCredentials.of("cbatt-adm@DAN.VMCLOUD", "root4EDMZ");
        assertThat(who.domain()).isEmpty();
        byte[] key = NtlmCrypto.ntowfv2(who.password(), who.user(), who.domain());
        byte[] proof = NtlmCrypto.hmacMd5(key, c.serverChallenge(), temp);
        assertThat(HEX.formatHex(proof)).isEqualTo("a44a9fbcff24f5fd4ec21fa5cf0c8842")
                .isEqualTo(HEX.formatHex(nt, 0, 16));
        byte[] exported = HEX.parseHex("8489342b319cc0f2ca0c27b18fb19c62");
        byte[] encrypted = NtlmCrypto.rc4k(NtlmCrypto.hmacMd5(key, proof), exported);
        assertThat(HEX.formatHex(encrypted)).isEqualTo("eb46ee01d11f7119ca5fb9e6b8377ae8")
                .isEqualTo(HEX.formatHex(AUTHENTICATE, 0x1f0, 0x200));
        byte[] zeroed = AUTHENTICATE.clone();
        Arrays.fill(zeroed, 72, 88, (byte) 0);
        assertThat(HEX.formatHex(NtlmCrypto.hmacMd5(exported, NEGOTIATE, CHALLENGE, zeroed)))
                .isEqualTo("19538b7e0acdb95e06f9b8f9967b4331").isEqualTo(HEX.formatHex(AUTHENTICATE, 72, 88));
    }

    @Test
    void theInitiatorAnswersTheWindowsChallengeWithNtlmv2AMicAndTheServersTimestamp() throws Exception {
        byte[] clientChallenge = HEX.parseHex("9982de956c8a6756");
        byte[] exported = HEX.parseHex("8489342b319cc0f2ca0c27b18fb19c62");
        NtlmInitiator i = new NtlmInitiator(NtlmCredentials.of("CORP\\svc-dfsr", "s3cret"), "HTTP/fs01.corp",
                new Fixed(clientChallenge, exported), Clock.systemUTC());
        byte[] negotiate = i.negotiate();
        assertThat(NtlmChallenge.u32(negotiate, 12)).isEqualTo(NtlmInitiator.REQUESTED);
        NtlmInitiator.Authenticated a = i.authenticate(CHALLENGE);
        byte[] m = a.message();

        assertThat(NtlmChallenge.u32(m, 8)).isEqualTo(3);
        assertThat(NtlmChallenge.field(m, 12, "LM")).as("Z(24) when the server sent a timestamp")
                .isEqualTo(new byte[24]);
        assertThat(new String(NtlmChallenge.field(m, 28, "domain"), StandardCharsets.UTF_16LE)).isEqualTo("CORP");
        assertThat(new String(NtlmChallenge.field(m, 36, "user"), StandardCharsets.UTF_16LE)).isEqualTo("svc-dfsr");
        byte[] nt = NtlmChallenge.field(m, 20, "NT");
        byte[] temp = Arrays.copyOfRange(nt, 16, nt.length);
        assertThat(HEX.formatHex(temp, 8, 24)).as("the server's time, then our client challenge")
                .isEqualTo("7ec61bfb11d0db01" + "9982de956c8a6756");
        List<AvPair> pairs = AvPair.decode(temp, 28, temp.length - 28, "temp", 0);
        assertThat(pairs).extracting(AvPair::id).containsExactly(2, 1, 4, 3, 5, 7, 6, 10, 9);
        assertThat(AvPair.find(pairs, AvPair.MSV_AV_FLAGS)).hasValueSatisfying(
                f -> assertThat(NtlmChallenge.u32(f, 0)).isEqualTo(AvPair.MIC_PROVIDED));
        assertThat(AvPair.find(pairs, AvPair.MSV_AV_TARGET_NAME)).hasValueSatisfying(
                t -> assertThat(new String(t, StandardCharsets.UTF_16LE)).isEqualTo("HTTP/fs01.corp"));

        byte[] key = NtlmCrypto.ntowfv2("s3cret", "svc-dfsr", "CORP");
        byte[] proof = NtlmCrypto.hmacMd5(key, HEX.parseHex("97e76a78f22b760d"), temp);
        assertThat(Arrays.copyOf(nt, 16)).isEqualTo(proof);
        assertThat(NtlmChallenge.field(m, 52, "key"))
                .isEqualTo(NtlmCrypto.rc4k(NtlmCrypto.hmacMd5(key, proof), exported));
        byte[] zeroed = m.clone();
        Arrays.fill(zeroed, 72, 88, (byte) 0);
        assertThat(Arrays.copyOfRange(m, 72, 88)).isEqualTo(NtlmCrypto.hmacMd5(exported, negotiate, CHALLENGE,
                zeroed));
        // and the session it opens seals as the server's side of the same key unseals
        NtlmSession.Sealed s = a.session().seal(new byte[] {42});
        assertThat(new NtlmSession(exported, NtlmCrypto.Direction.SERVER_TO_CLIENT).unseal(s.message(),
                s.signature())).containsExactly(42);
    }

    @Test
    void malformedChallengesAreRefusedWithTheirByteOffset() {
        assertMalformed(Arrays.copyOf(CHALLENGE, 10), 10, "ends after 10 bytes");
        byte[] sig = CHALLENGE.clone();
        sig[0] = 'X';
        assertMalformed(sig, 0, "Signature");
        byte[] type = CHALLENGE.clone();
        type[8] = 3;
        assertMalformed(type, 8, "MessageType 3");
        byte[] info = CHALLENGE.clone();
        info[40] = (byte) 0xFF;
        info[41] = (byte) 0xFF;
        assertMalformed(info, 40, "TargetInfoFields points to bytes 76..65611");
        byte[] pair = CHALLENGE.clone();
        pair[76 + 2] = (byte) 0xF0; // the first AV pair's AvLen
        assertMalformed(pair, 76, "AV_PAIR 2 claims 240 bytes");
        byte[] noEol = CHALLENGE.clone();
        noEol[40] -= 4;
        noEol[42] -= 4;
        assertMalformed(noEol, 76 + 164 - 4, "without MsvAvEOL");
    }

    @Test
    void aServerOfferingLessThanNtlmv2SealingIsRefused() {
        byte[] weak = CHALLENGE.clone();
        weak[20] &= ~NtlmFlags.NTLMSSP_NEGOTIATE_SEAL;
        NtlmInitiator i = new NtlmInitiator(NtlmCredentials.of("u", "p"), "HTTP/x", new SecureRandom(),
                Clock.systemUTC());
        i.negotiate();
        assertThatThrownBy(() -> i.authenticate(weak)).isInstanceOfSatisfying(NtlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(NtlmException.Kind.REFUSED);
            assertThat(e.getMessage()).contains("lacks flags 0x00000020");
        });
    }

    @Test
    void accountsSplitAsWindowsSendsThem() {
        assertThat(NtlmCredentials.of("CORP\\svc", "pw")).isEqualTo(new NtlmCredentials("CORP", "svc", "pw"));
        assertThat(NtlmCredentials.of("svc@corp.example.com", "pw"))
                .isEqualTo(new NtlmCredentials("", "svc@corp.example.com", "pw"));
        assertThat(NtlmCredentials.of("svc", "pw")).isEqualTo(new NtlmCredentials("", "svc", "pw"));
        assertThat(NtlmCredentials.of("CORP\\svc", "pw-secret").toString()).isEqualTo("NtlmCredentials[CORP\\svc]");
    }

    private static void assertMalformed(byte[] challenge, int offset, String text) {
        assertThatThrownBy(() -> NtlmChallenge.decode(challenge)).isInstanceOfSatisfying(NtlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(NtlmException.Kind.MALFORMED);
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.getMessage()).contains("byte " + offset).contains(text);
        });
    }

    private static byte[] fill(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** Gives the client challenge, then the exported session key. */
    private static final class Fixed extends SecureRandom {
        private final byte[][] values;
        private int next;

        Fixed(byte[]... values) {
            this.values = values;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(values[next++], 0, bytes, 0, bytes.length);
        }
    }
}
