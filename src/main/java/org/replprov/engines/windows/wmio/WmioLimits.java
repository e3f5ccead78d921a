package org.replprov.engines.windows.wmio;

/**
 * The bounds the decoder enforces, so that a damaged or hostile object costs at most a bounded amount of memory and
 * work. Every count and length in an encoding is checked against these and against the bytes actually present
 * before anything is allocated.
 *
 * @param maxObjectBytes      largest encoding accepted, in octets
 * @param maxProperties       PropertyCount of one ClassPart (Windows classes have a few hundred at most)
 * @param maxMethods          MethodCount of one MethodsPart
 * @param maxQualifiers       qualifiers in one QualifierSet
 * @param maxDerivationDepth  class names in one DerivationList
 * @param maxArrayElements    ArrayCount of one Encoded-Array
 * @param maxStringChars      characters of one Encoded-String
 * @param maxNesting          depth of objects inside objects (CIM-TYPE-OBJECT values, method signatures)
 * @param workPerOctet        decoded items (properties, qualifiers, strings, array elements, objects) allowed per
 *                            input octet; a well-formed heap never shares items (MS-WMIO §2.2.66), so only crafted
 *                            references to one item from many places come near it
 */
public record WmioLimits(int maxObjectBytes, int maxProperties, int maxMethods, int maxQualifiers,
                         int maxDerivationDepth, int maxArrayElements, int maxStringChars, int maxNesting,
                         int workPerOctet) {

    /** Generous for every object Windows sends, small enough that a hostile one stays harmless. */
    public static final WmioLimits DEFAULT = new WmioLimits(64 << 20, 4096, 1024, 1024, 64, 1 << 20, 1 << 20, 8, 4);

    public WmioLimits {
        if (maxObjectBytes < 16 || maxProperties < 1 || maxMethods < 0 || maxQualifiers < 1 || maxDerivationDepth < 0
                || maxArrayElements < 0 || maxStringChars < 1 || maxNesting < 1 || workPerOctet < 1) {
            throw new IllegalArgumentException("limits too small to decode anything");
        }
    }
}
