package org.replprov.engines.windows.wsman;

import java.util.Locale;
import java.util.Optional;

/** How a {@link WsmanClient} authenticates (MS-WSMV §2.2.9). */
public enum WsmanAuth {
    /** HTTP Basic over HTTPS: the password in every request, protected by TLS only. */
    BASIC,
    /**
     * NTLMv2 sent as {@code Authorization: Negotiate <NTLMSSP token>} (the form WinRM's Negotiate accepts, without
     * SPNEGO wrapping) over plain HTTP, every message then sealed and signed with the NTLM session keys
     * (MS-WSMV §2.2.9.1.1). Kerberos is not implemented: a Negotiate that needs it fails.
     */
    NTLM;

    /** {@code basic}, {@code ntlm}, or {@code negotiate} (the same NTLM-in-Negotiate wire form). */
    public static Optional<WsmanAuth> parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "basic" -> Optional.of(BASIC);
            case "ntlm", "negotiate" -> Optional.of(NTLM);
            default -> Optional.empty();
        };
    }

    /** The default for an endpoint: Basic over https, NTLM with message encryption over http. */
    public static WsmanAuth defaultFor(String scheme) {
        return "http".equalsIgnoreCase(scheme) ? NTLM : BASIC;
    }
}
