/**
 * A small WS-Management client for WMI over WinRM (MS-WSMV), no SOAP framework:
 * {@link org.replprov.engines.windows.wsman.WsmanClient} enumerates with WQL (Enumerate, Pull, Release), gets an
 * instance and invokes methods as custom actions; values are typed from the class's declaration in the shipped
 * schema. Faults become {@link org.replprov.engines.windows.wsman.WsmanException} with the WS-Management subcode, the
 * Windows error code of the fault detail and the WBEM status. Answers are bounded in size, time and element count,
 * and read without DTDs or external entities.
 *
 * <p>Two transports: HTTPS with Basic on the JDK's HTTP client, and plain HTTP with NTLMv2 and MS-WSMV message
 * encryption on a connection of its own (its HTTP/1.1 framing and the encrypted MIME parts read here, bounded).
 *
 * <p>Uses the JDK, {@code org.replprov.cim} and the NTLM initiator of {@code engines.windows.ntlm}; the Windows DFSR
 * engine builds on it.
 */
package org.replprov.engines.windows.wsman;
