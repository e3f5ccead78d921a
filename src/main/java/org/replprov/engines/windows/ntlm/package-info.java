/**
 * An NTLM initiator with session security (MS-NLMP), for WS-Management over plain HTTP: NTLMv2 only
 * ({@link org.replprov.engines.windows.ntlm.NtlmInitiator}), with the MIC where the server's challenge carries a
 * timestamp, key exchange, and 128-bit RC4 sealing and HMAC-MD5 signing with extended session security
 * ({@link org.replprov.engines.windows.ntlm.NtlmSession}). The server's CHALLENGE is decoded within its own length and
 * every malformation is an {@link org.replprov.engines.windows.ntlm.NtlmException} naming the byte offset.
 *
 * <p>Uses only the JDK, and jcifs-ng's MD4 (the JDK registers none).
 */
package org.replprov.engines.windows.ntlm;
