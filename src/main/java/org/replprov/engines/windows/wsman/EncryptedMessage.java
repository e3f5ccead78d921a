package org.replprov.engines.windows.wsman;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.replprov.engines.windows.ntlm.NtlmException;
import org.replprov.engines.windows.ntlm.NtlmSession;

/**
 * A SOAP message sealed with NTLM session security in the MIME form of MS-WSMV §2.2.9.1.1 (encrypted messages with
 * SPNEGO): a {@code multipart/encrypted} body of two parts, the first naming the original content type and length,
 * the second a 4-byte little-endian signature length, the NTLM signature and the sealed message, then the closing
 * boundary. RC4 keeps the length, so the original length frames the sealed bytes exactly.
 */
final class EncryptedMessage {

    static final String PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    /** The Content-Type of an encrypted request or answer. */
    static final String CONTENT_TYPE = "multipart/encrypted;protocol=\"" + PROTOCOL
            + "\";boundary=\"Encrypted Boundary\"";
    private static final String BOUNDARY = "--Encrypted Boundary\r\n";
    private static final String END = "--Encrypted Boundary--\r\n";
    private static final String ORIGINAL = "OriginalContent: type=application/soap+xml;charset=UTF-8;Length=";
    private static final String OCTETS = "Content-Type: application/octet-stream";

    private EncryptedMessage() {
    }

    /** Whether a Content-Type names this encryption (MS-WSMV §2.2.9.1.1). */
    static boolean isEncrypted(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        return t.startsWith("multipart/encrypted;") && t.contains("protocol=\"" + PROTOCOL.toLowerCase(Locale.ROOT)
                + "\"");
    }

    /** The body carrying {@code soap} sealed with the next sequence number of {@code session}. */
    static byte[] seal(NtlmSession session, byte[] soap) {
        NtlmSession.Sealed s = session.seal(soap);
        ByteArrayOutputStream out = new ByteArrayOutputStream(soap.length + 256);
        out.writeBytes(ascii(BOUNDARY + "\tContent-Type: " + PROTOCOL + "\r\n\t" + ORIGINAL + soap.length + "\r\n"
                + BOUNDARY + "\t" + OCTETS + "\r\n"));
        int n = s.signature().length;
        out.writeBytes(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
        out.writeBytes(s.signature());
        out.writeBytes(s.message());
        out.writeBytes(ascii(END));
        return out.toByteArray();
    }

    /**
     * The SOAP message of an encrypted body, unsealed and verified with the next sequence number of
     * {@code session}.
     *
     * @throws WsmanException MALFORMED (naming the byte offset) when the body is not in the form above, INTEGRITY
     *     when its signature or sequence number does not verify
     */
    static byte[] unseal(NtlmSession session, byte[] body) throws WsmanException {
        Cursor c = new Cursor(body);
        c.expect(BOUNDARY);
        long length = -1;
        while (!c.startsWith(BOUNDARY)) {
            int at = c.pos;
            String line = c.line().strip();
            if (line.regionMatches(true, 0, "OriginalContent:", 0, 16)) {
                int l = line.toLowerCase(Locale.ROOT).lastIndexOf("length=");
                String digits = l < 0 ? "" : line.substring(l + 7).strip();
                if (!digits.matches("[0-9]{1,10}")) {
                    throw c.malformed(at, "OriginalContent has no Length");
                }
                length = Long.parseLong(digits);
            }
        }
        if (length < 0) {
            throw c.malformed(c.pos, "the first part has no OriginalContent");
        }
        c.expect(BOUNDARY);
        int octets = c.pos;
        if (!c.line().strip().equalsIgnoreCase(OCTETS)) {
            throw c.malformed(octets, "the second part is not application/octet-stream");
        }
        int sigAt = c.pos;
        long sigLength = c.u32();
        if (sigLength != NtlmSession.SIGNATURE_LENGTH) {
            throw c.malformed(sigAt, "a signature of " + sigLength + " bytes; NTLM's has "
                    + NtlmSession.SIGNATURE_LENGTH);
        }
        byte[] signature = c.take(NtlmSession.SIGNATURE_LENGTH);
        if (length > body.length - c.pos) {
            throw c.malformed(c.pos, "OriginalContent says " + length + " bytes; " + (body.length - c.pos)
                    + " are left");
        }
        byte[] sealed = c.take((int) length);
        c.expectEnd();
        try {
            return session.unseal(sealed, signature);
        } catch (NtlmException e) {
            throw WsmanException.integrity("the encrypted answer fails its integrity check: " + e.getMessage());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reading position in the body. */
    private static final class Cursor {
        private final byte[] b;
        private int pos;

        Cursor(byte[] b) {
            this.b = b;
        }

        boolean startsWith(String s) throws WsmanException {
            if (pos >= b.length) {
                throw malformed(pos, "the body ends within the parts' headers");
            }
            byte[] a = ascii(s);
            return b.length - pos >= a.length && Arrays.equals(b, pos, pos + a.length, a, 0, a.length);
        }

        void expect(String s) throws WsmanException {
            if (!startsWith(s)) {
                throw malformed(pos, "expected '" + s.strip() + "'");
            }
            pos += s.length();
        }

        /** The end boundary, with or without its CRLF, then nothing. */
        void expectEnd() throws WsmanException {
            String end = END.strip();
            byte[] a = ascii(end);
            boolean ok = b.length - pos >= a.length && Arrays.equals(b, pos, pos + a.length, a, 0, a.length);
            int rest = b.length - pos - a.length;
            if (!ok || !(rest == 0 || rest == 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n')) {
                throw malformed(pos, "expected the closing '" + end + "' and the body's end");
            }
        }

        String line() throws WsmanException {
            for (int i = pos; i + 1 < b.length && i - pos < 1024; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n') {
                    String s = new String(b, pos, i - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 2;
                    return s;
                }
            }
            throw malformed(pos, "a part header line without CRLF within 1024 bytes");
        }

        long u32() throws WsmanException {
            byte[] x = take(4);
            return (x[0] & 0xFFL) | (x[1] & 0xFFL) << 8 | (x[2] & 0xFFL) << 16 | (x[3] & 0xFFL) << 24;
        }

        byte[] take(int n) throws WsmanException {
            if (b.length - pos < n) {
                throw malformed(pos, "the body ends " + (n - (b.length - pos)) + " bytes early");
            }
            byte[] r = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return r;
        }

        WsmanException malformed(int at, String message) {
            return WsmanException.malformed("encrypted message at byte " + at + ": " + message);
        }
    }
}
