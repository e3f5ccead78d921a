/**
 * MS-DRSR {@code repsTo} / {@code repsFrom} / {@code replUpToDateVector} values: the {@code REPS_TO} /
 * {@code REPS_FROM} wire structures (MS-DRSR §5.170, §5.171), the up-to-date vector (§5.166), their codecs, and the
 * abstract {@link org.replprov.drsr.RepsTo} (§5.173) and {@link org.replprov.drsr.RepsFrom} (§5.172) tuples.
 *
 * <p>What this package owns:
 * <ul>
 *   <li>Wire records that mirror the bytes, named as in the specification: {@link org.replprov.drsr.RepsFromToBlob}
 *       (sealed: {@link org.replprov.drsr.RepsFromToV1}, {@link org.replprov.drsr.RepsFromToV2}),
 *       {@link org.replprov.drsr.MtxAddr}, {@link org.replprov.drsr.DsaRpcInst} and the small values they hold
 *       ({@link org.replprov.drsr.DsTime}, {@link org.replprov.drsr.ReplicaFlags},
 *       {@link org.replprov.drsr.Win32Error}, {@link org.replprov.drsr.UsnVector},
 *       {@link org.replprov.drsr.ReplTimes}).</li>
 *   <li>{@link org.replprov.drsr.RepsFromToCodec}: a decoder that distrusts every length and offset and reports
 *       problems only as the checked {@link org.replprov.drsr.MalformedBlobException}, and an encoder that computes
 *       every length and offset itself. Whatever the decoder accepts re-encodes to the same bytes.</li>
 *   <li>{@link org.replprov.drsr.RepsTo} and {@link org.replprov.drsr.RepsFrom}: the abstract tuples and their
 *       conversions to and from the one stored structure, as §5.173 and §5.172 state them.</li>
 *   <li>{@link org.replprov.drsr.ReplUpToDateVector}, its {@link org.replprov.drsr.UpToDateCursor}s (with
 *       {@link org.replprov.drsr.NtTime}) and {@link org.replprov.drsr.ReplUpToDateVectorCodec}, bounded and exact
 *       in the same way.</li>
 *   <li>{@link org.replprov.drsr.RepsDump} and {@link org.replprov.drsr.UpToDateVectorDump}, the printers shared by
 *       the command line and the tests, and {@link org.replprov.drsr.RepsJson}, the JSON form used by the command
 *       line.</li>
 * </ul>
 *
 * <p>The package imports nothing else from the project (only the JDK and Jackson), so the CIM layer, the providers
 * and the command line depend on it and never the other way round.
 */
package org.replprov.drsr;
