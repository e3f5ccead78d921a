package org.replprov.engines.windows.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.replprov.engines.windows.ntlm.NtlmCrypto;
import org.replprov.engines.windows.ntlm.NtlmSession;

/** The NTLM transport's HTTP/1.1 reader and MS-WSMV encrypted framing: what they accept and, bounded, refuse. */
class WsmanWireTest {

    private static HttpMessage response(String text, int maxBody) throws Exception {
        return HttpMessage.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), true,
                maxBody);
    }

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> response(text, 1024)).isInstanceOfSatisfying(WsmanException.class,
                e -> assertThat(e.getMessage()).contains(message));
    }

    @Test
    void readsContentLengthChunkedAndToTheEndSkippingInterimAnswers() throws Exception {
        HttpMessage a = response("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n"
                + "Connection: Keep-Alive\r\n\r\nabc", 1024);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(a.keepAlive()).isTrue();
        HttpMessage c = response("HTTP/1.1 500 Error\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n"
                + "2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n", 1024);
        assertThat(new String(c.body(), StandardCharsets.US_ASCII)).isEqualTo("abcde");
        assertThat(c.field("x-trailer")).hasValue("1");
        HttpMessage e = response("HTTP/1.0 200 OK\r\n\r\nuntil the end", 1024);
        assertThat(new String(e.body(), StandardCharsets.US_ASCII)).isEqualTo("until the end");
        assertThat(e.keepAlive()).isFalse();
        assertThat(response("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 10).keepAlive())
                .isFalse();
    }

    @Test
    void malformedOrOversizedAnswersAreRefusedWithTheirByteOffset() {
        refused("HTTP/2 200 OK\r\n\r\n", "at byte 0: not an HTTP/1.1 status line");
        refused("HTTP/1.1 200 OK\r\nBad Field\r\n\r\n", "at byte 17: not a header field");
        refused("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", "at byte 15: a line ends in LF without CR");
        refused("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc", "conflicting Content-Length");
        refused("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", "ended 3 bytes before the body's end");
        refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "unsupported Transfer-Encoding");
        refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "at byte 47: not a chunk size");
        refused("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n", "larger than 1024 bytes");
        refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + "x".repeat(1024) + "\r\n1\r\nx\r\n",
                "larger than 1024 bytes");
        refused("HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(101) + "\r\n", "more than 100 header fields");
        refused("HTTP/1.1 200 OK\r\nX: " + "y".repeat(70_000) + "\r\n\r\n", "the head is longer than 65536 bytes");
        refused("HTTP/1.1 200 OK\r\nContent-Le", "the connection ended within the message's head");
        assertThatThrownBy(() -> response("", 10)).isInstanceOf(HttpMessage.Closed.class);
    }

    @Test
    void anEncryptedMessageRoundTripsInWinRmsFraming() throws Exception {
        byte[] key = new byte[16];
        Arrays.fill(key, (byte) 7);
        NtlmSession client = new NtlmSession(key, NtlmCrypto.Direction.CLIENT_TO_SERVER);
        NtlmSession server = new NtlmSession(key, NtlmCrypto.Direction.SERVER_TO_CLIENT);
        byte[] soap = "<s:Envelope/>".getBytes(StandardCharsets.UTF_8);
        byte[] body = EncryptedMessage.seal(client, soap);
        String head = new String(body, StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("--Encrypted Boundary\r\n\tContent-Type: application/HTTP-SPNEGO-session-"
                + "encrypted\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=13\r\n"
                + "--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n\u0010\0\0\0");
        assertThat(new String(body, StandardCharsets.ISO_8859_1)).endsWith("--Encrypted Boundary--\r\n");
        assertThat(EncryptedMessage.unseal(server, body)).isEqualTo(soap);
        assertThat(EncryptedMessage.isEncrypted(EncryptedMessage.CONTENT_TYPE)).isTrue();
        assertThat(EncryptedMessage.isEncrypted("multipart/encrypted; protocol=\"application/HTTP-SPNEGO-session-"
                + "encrypted\"; boundary=\"Encrypted Boundary\"")).isTrue();
        assertThat(EncryptedMessage.isEncrypted("application/soap+xml;charset=UTF-8")).isFalse();
    }

    @Test
    void aMalformedEncryptedBodyIsRefusedWithItsByteOffset() {
        byte[] key = new byte[16];
        NtlmSession client = new NtlmSession(key, NtlmCrypto.Direction.CLIENT_TO_SERVER);
        byte[] body = EncryptedMessage.seal(client, "<s:Envelope/>".getBytes(StandardCharsets.UTF_8));
        int sigAt = body.length - 24 - 13 - 16 - 4; // before the signature, the sealed 13 bytes, the end
        assertUnsealRefused(Arrays.copyOf(body, 30), "at byte 22: a part header line without CRLF");
        byte[] longer = new String(body, StandardCharsets.ISO_8859_1).replace("Length=13", "Length=99")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertUnsealRefused(longer, "OriginalContent says 99 bytes; 37 are left");
        byte[] sig = body.clone();
        sig[sigAt] = 20;
        assertUnsealRefused(sig, "at byte " + sigAt + ": a signature of 20 bytes");
        byte[] noEnd = Arrays.copyOf(body, body.length - 3);
        assertUnsealRefused(noEnd, "expected the closing '--Encrypted Boundary--'");
        assertUnsealRefused("garbage".getBytes(StandardCharsets.US_ASCII), "at byte 0: expected '--Encrypted "
                + "Boundary'");
    }

    private static void assertUnsealRefused(byte[] body, String message) {
        NtlmSession server = new NtlmSession(new byte[16], NtlmCrypto.Direction.SERVER_TO_CLIENT);
        assertThatThrownBy(() -> EncryptedMessage.unseal(server, body)).isInstanceOfSatisfying(WsmanException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(WsmanException.Kind.MALFORMED);
                    assertThat(e.getMessage()).contains("encrypted message at byte").contains(message);
                });
    }
}
