/**
 * MS-WMIO, the binary encoding of CIM classes and instances that MS-WMI (WMI over DCOM) carries: a decoder bounded
 * like the project's other decoders, an encoder, and the conversion to and from the CIM model.
 *
 * <ul>
 *   <li>{@link org.replprov.engines.windows.wmio.WmioCodec}: the three forms MS-WMI uses (EncodingUnit,
 *       EncodingUnitObjectBlock, EncodingUnitInstanceNoClass). Malformed input raises only the checked
 *       {@link org.replprov.engines.windows.wmio.WmioFormatException}, naming the ABNF rule and byte offset;
 *       {@link org.replprov.engines.windows.wmio.WmioLimits} bounds sizes, counts, nesting and total work.</li>
 *   <li>The decoded model, named after the specification's rules: {@link org.replprov.engines.windows.wmio.ObjectBlock}
 *       with its {@link org.replprov.engines.windows.wmio.Decoration}, a {@link org.replprov.engines.windows.wmio.WmioClass}
 *       (ClassType) or {@link org.replprov.engines.windows.wmio.WmioInstance} (InstanceType),
 *       {@link org.replprov.engines.windows.wmio.ClassDefinition} (ClassPart),
 *       {@link org.replprov.engines.windows.wmio.PropertyDefinition},
 *       {@link org.replprov.engines.windows.wmio.MethodDefinition}, {@link org.replprov.engines.windows.wmio.Qualifier},
 *       {@link org.replprov.engines.windows.wmio.WireType} and {@link org.replprov.engines.windows.wmio.WmioValue}.</li>
 *   <li>{@link org.replprov.engines.windows.wmio.WmioCim}: to and from {@link org.replprov.cim.CimClass} and
 *       {@link org.replprov.cim.CimInstance}, methods included (their {@code __PARAMETERS} signatures).</li>
 * </ul>
 *
 * <p>The package depends only on the JDK and {@code org.replprov.cim}; the DCOM transport builds on it.
 */
package org.replprov.engines.windows.wmio;
