package org.replprov.engines.windows.ntlm;

/** The NegotiateFlags bits this package uses, named as MS-NLMP §2.2.2.5 names them. */
public final class NtlmFlags {

    public static final int NTLMSSP_NEGOTIATE_UNICODE = 0x0000_0001;
    public static final int NTLMSSP_REQUEST_TARGET = 0x0000_0004;
    public static final int NTLMSSP_NEGOTIATE_SIGN = 0x0000_0010;
    public static final int NTLMSSP_NEGOTIATE_SEAL = 0x0000_0020;
    public static final int NTLMSSP_NEGOTIATE_NTLM = 0x0000_0200;
    public static final int NTLMSSP_NEGOTIATE_ALWAYS_SIGN = 0x0000_8000;
    public static final int NTLMSSP_TARGET_TYPE_DOMAIN = 0x0001_0000;
    public static final int NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x0008_0000;
    public static final int NTLMSSP_NEGOTIATE_TARGET_INFO = 0x0080_0000;
    public static final int NTLMSSP_NEGOTIATE_VERSION = 0x0200_0000;
    public static final int NTLMSSP_NEGOTIATE_128 = 0x2000_0000;
    public static final int NTLMSSP_NEGOTIATE_KEY_EXCH = 0x4000_0000;

    private NtlmFlags() {
    }
}
