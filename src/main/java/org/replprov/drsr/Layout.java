package org.replprov.drsr;

/**
 * Which of the two byte layouts in use the encoder writes. Both are real: Windows writes the MS-DRSR layout and Samba
 * its own. The decoder reads either without being told, by following {@code cbOtherDraOffset}.
 *
 * <ul>
 *   <li>Version 1: {@link #WINDOWS} keeps {@code dwReserved} and {@code cbPasDataOffset} at offsets 208..215 and puts
 *       the {@code MTX_ADDR} at 216 (MS-DRSR §5.171). {@link #SAMBA} leaves those two fields out and puts the
 *       {@code MTX_ADDR} at 208, as Samba's {@code drsblobs.idl} does.</li>
 *   <li>Version 2: both put the {@code DSA_RPC_INST} at 216. {@link #WINDOWS} ends it with the 28 zero bytes seen in
 *       every published Windows value; {@link #SAMBA} omits them, as Samba's {@code ndr_pack} does.</li>
 * </ul>
 */
public enum Layout {
    WINDOWS,
    SAMBA
}
