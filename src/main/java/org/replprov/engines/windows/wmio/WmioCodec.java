package org.replprov.engines.windows.wmio;

import java.util.Objects;

/**
 * Reads and writes MS-WMIO encodings of CIM classes and instances, in the three forms MS-WMI carries them:
 * <ul>
 *   <li>EncodingUnit (§2.2.1): Signature 0x12345678, ObjectEncodingLength and ObjectBlock, as in the
 *       {@code OBJREF_CUSTOM} of an {@code IWbemClassObject} (MS-WMI §2.2.4.1);</li>
 *   <li>EncodingUnitObjectBlock (§2.2.2): a bare ObjectBlock, as in the {@code WBEMOBJECT_CLASS} and
 *       {@code WBEMOBJECT_INSTANCE} of an ObjectArray (MS-WMI §2.2.14.2, §2.2.14.3);</li>
 *   <li>EncodingUnitInstanceNoClass (§2.2.3): an instance without its class, which the receiver supplies from an
 *       earlier object of the same ObjectArray ({@code WBEMOBJECT_INSTANCE_NOCLASS}, MS-WMI §2.2.14.4).</li>
 * </ul>
 *
 * <p>Decoding is bounded by {@link WmioLimits} and reports every malformed input as a {@link WmioFormatException}
 * naming the rule and its offset; nothing else escapes. Encoding lays heaps out afresh, so it reproduces the
 * meaning of a decoded object, not necessarily its octets (Windows leaves unused octets in heaps, §2.3.4), except
 * that an instance carries the octets of its class's ClassPart unchanged.
 */
public final class WmioCodec {

    private static final WmioCodec DEFAULT = new WmioCodec(WmioLimits.DEFAULT);

    private final WmioLimits limits;

    public WmioCodec(WmioLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A codec with {@link WmioLimits#DEFAULT}. */
    public static WmioCodec standard() {
        return DEFAULT;
    }

    /**
     * Decodes an EncodingUnit: Signature, ObjectEncodingLength and the ObjectBlock, which must end the bytes.
     *
     * @throws WmioFormatException for anything that is not such an encoding, or exceeds the limits
     */
    public ObjectBlock decodeEncodingUnit(byte[] bytes) throws WmioFormatException {
        return new WmioDecoder(bytes, limits).encodingUnit();
    }

    /**
     * Decodes an EncodingUnitObjectBlock: an ObjectBlock filling the bytes (octets after its Encoding are ignored,
     * as the specification's examples show they may be present).
     *
     * @throws WmioFormatException for anything that is not such an encoding, or exceeds the limits
     */
    public ObjectBlock decodeObjectBlock(byte[] bytes) throws WmioFormatException {
        return new WmioDecoder(bytes, limits).objectBlockOnly();
    }

    /**
     * Decodes an EncodingUnitInstanceNoClass with {@code cachedClass} as its CurrentClass: the class of an earlier
     * instance of the same class GUID.
     *
     * @throws WmioFormatException for anything that is not such an encoding for that class, or exceeds the limits
     */
    public ObjectBlock decodeInstanceNoClass(byte[] bytes, ClassDefinition cachedClass) throws WmioFormatException {
        return new WmioDecoder(bytes, limits).instanceNoClass(Objects.requireNonNull(cachedClass, "cachedClass"));
    }

    /** Encodes an EncodingUnit. */
    public byte[] encodeEncodingUnit(ObjectBlock block) {
        return WmioEncoder.encodingUnit(block);
    }

    /** Encodes an EncodingUnitObjectBlock. */
    public byte[] encodeObjectBlock(ObjectBlock block) {
        return WmioEncoder.objectBlock(block);
    }

    /**
     * Encodes an instance as EncodingUnitInstanceNoClass: without its CurrentClass.
     *
     * @throws IllegalArgumentException when the block holds a class
     */
    public byte[] encodeInstanceNoClass(ObjectBlock block) {
        return WmioEncoder.instanceNoClass(block);
    }
}
