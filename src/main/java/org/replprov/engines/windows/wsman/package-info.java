/**
 * A small WS-Management client for WMI over WinRM (MS-WSMV), on the JDK's HTTP client and StAX, no SOAP framework:
 * {@link org.replprov.engines.windows.wsman.WsmanClient} enumerates with WQL (Enumerate, Pull, Release), gets an
 * instance and invokes methods as custom actions; values are typed from the class's declaration in the shipped
 * schema. Faults become {@link org.replprov.engines.windows.wsman.WsmanException} with the WS-Management subcode, the
 * Windows error code of the fault detail and the WBEM status. Answers are bounded in size, time and element count,
 * and read without DTDs or external entities.
 *
 * <p>Uses only the JDK and {@code org.replprov.cim}; the Windows DFSR engine builds on it.
 */
package org.replprov.engines.windows.wsman;
