/**
 * The windows-dfsr engine's DCOM transport: MS-WMI over DCOM ({@link org.replprov.engines.windows.dcom.WmiClient})
 * with j-interop-ng for DCE/RPC, NTLMv2 and DCOM only, activated at packet privacy by a fail-closed shim
 * ({@code JInteropShim}) pinned to the library version; objects are decoded and method in-parameters encoded by the
 * project's MS-WMIO codec. Errors are {@link org.replprov.engines.windows.dcom.DcomException}s typed by WBEM status,
 * HRESULT, transport, protocol or setup.
 */
package org.replprov.engines.windows.dcom;
