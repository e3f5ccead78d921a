package org.replprov.engines.windows.ntlm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The NTLMv2 functions of MS-NLMP §3.3.2 and the session-security key derivation of §3.4.5. Every algorithm here ships
 * with the JDK but MD4, which comes from jcifs-ng's provider.
 */
public final class NtlmCrypto {

    /** Which way a session key works: each direction has its own signing and sealing keys (MS-NLMP §3.4.5.2-3). */
    public enum Direction {
        CLIENT_TO_SERVER("client-to-server"),
        SERVER_TO_CLIENT("server-to-client");

        private final String words;

        Direction(String words) {
            this.words = words;
        }
    }

    private NtlmCrypto() {
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** HMAC_MD5(key, concatenation of the parts). */
    public static byte[] hmacMd5(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacMD5", e);
        }
    }

    /** An RC4 handle (MS-NLMP §6, RC4Init): its state runs on across every call of {@link Cipher#update}. */
    public static Cipher rc4(byte[] key) {
        try {
            Cipher c = Cipher.getInstance("ARCFOUR");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no ARCFOUR (RC4)", e);
        }
    }

    /** RC4K: {@code data} through a fresh handle of {@code key} (MS-NLMP §6). */
    public static byte[] rc4k(byte[] key, byte[] data) {
        return rc4(key).update(data);
    }

    /**
     * NTOWFv2 (MS-NLMP §3.3.2): HMAC_MD5(MD4(UNICODE(password)), UNICODE(Uppercase(user) + domain)). The domain is
     * used as given; the server computes with the very string the AUTHENTICATE_MESSAGE carries.
     */
    public static byte[] ntowfv2(String password, String user, String domain) {
        byte[] md4 = jcifs.util.Crypto.getMD4().digest(utf16(password));
        return hmacMd5(md4, utf16(user.toUpperCase(Locale.ROOT) + domain));
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /** SIGNKEY with extended session security (MS-NLMP §3.4.5.2). */
    public static byte[] signKey(byte[] exportedSessionKey, Direction d) {
        return md5(exportedSessionKey, magic("session key to " + d.words + " signing key magic constant"));
    }

    /**
     * SEALKEY with extended session security (MS-NLMP §3.4.5.3): all 16 bytes of the exported key with
     * NEGOTIATE_128; this initiator negotiates nothing weaker.
     */
    public static byte[] sealKey(byte[] exportedSessionKey, Direction d) {
        return md5(exportedSessionKey, magic("session key to " + d.words + " sealing key magic constant"));
    }

    /** The constants are ASCII with their terminating NUL (MS-NLMP §3.4.5.2). */
    private static byte[] magic(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(ascii, ascii.length + 1);
    }
}
