/**
 * The {@code windows-dfsr} engine: real Windows DFS Replication members watched and driven remotely, without an agent,
 * through their own WMI provider ({@code root/MicrosoftDfs}) over WS-Management ({@code wsman}) or MS-WMI over DCOM
 * ({@code dcom}), chosen per member ({@code MemberClient}). Several members in one engine; facts pass the Windows
 * values through ({@code DfsrFacts}); docs/engines.md, "Windows DFSR", is the operator's description.
 *
 * <p>Subpackages: {@code wsman} (the WS-Management client), {@code dcom} (the MS-WMI client on j-interop-ng),
 * {@code wmio} (the MS-WMIO object codec the DCOM transport uses).
 */
package org.replprov.engines.windows;
