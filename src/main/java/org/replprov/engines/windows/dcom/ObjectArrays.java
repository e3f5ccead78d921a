package org.replprov.engines.windows.dcom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.replprov.engines.windows.wmio.ClassDefinition;
import org.replprov.engines.windows.wmio.ObjectBlock;
import org.replprov.engines.windows.wmio.WmioCodec;
import org.replprov.engines.windows.wmio.WmioFormatException;
import org.replprov.engines.windows.wmio.WmioInstance;

/**
 * Reads the ObjectArray (MS-WMI §2.2.14) that {@code IWbemWCOSmartEnum::Next} returns: a header, then
 * WBEM_DATAPACKET_OBJECTs (§2.2.14.1) holding a WBEMOBJECT_CLASS, a WBEMOBJECT_INSTANCE (an instance with its class,
 * §2.2.14.3) or a WBEMOBJECT_INSTANCE_NOCLASS (an instance whose class came earlier under the same class GUID,
 * §2.2.14.4). The class cache lives as long as one enumeration ({@code classes}).
 *
 * <p>Bounded: every size is checked against what remains, and any malformed input is a
 * {@link DcomException.Kind#PROTOCOL} naming the byte offset; the MS-WMIO objects are decoded by {@link WmioCodec}
 * with its limits.
 */
final class ObjectArrays {

    private static final byte[] SIGNATURE = "WBEMDATA".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int CLASS = 1;
    private static final int INSTANCE = 2;
    private static final int INSTANCE_NOCLASS = 3;

    private ObjectArrays() {
    }

    /** The instances in {@code buffer}, in order; {@code classes} caches CurrentClass by class GUID (hex). */
    static List<WmioInstance> read(byte[] buffer, WmioCodec codec, Map<String, ClassDefinition> classes)
            throws DcomException {
        ByteBuffer in = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        need(in, 0x1A + 8 + 12, "ObjectArray header");
        if (in.getInt() != 0) {
            throw bad(0, "dwByteOrdering is not 0 (little-endian)");
        }
        byte[] sig = new byte[8];
        in.get(sig);
        if (!Arrays.equals(sig, SIGNATURE)) {
            throw bad(4, "abSignature is not WBEMDATA");
        }
        expect(in, 0x1A, "dwSizeOfHeader1");
        int size1 = in.getInt();
        in.getInt(); // dwFlags
        int version = in.get() & 0xFF;
        in.get(); // bPacketType
        if (version != 1) {
            throw bad(24, "bVersion " + version + " is not 1");
        }
        if (size1 != in.remaining()) {
            throw bad(16, "dwDataSize1 " + Integer.toUnsignedString(size1) + " disagrees with the "
                    + in.remaining() + " octets that follow");
        }
        expect(in, 8, "dwSizeOfHeader2");
        int size2 = in.getInt();
        if (size2 != in.remaining()) {
            throw bad(in.position() - 4, "dwDataSize2 disagrees with what follows");
        }
        expect(in, 12, "dwSizeOfHeader3");
        int size3 = in.getInt();
        long count = Integer.toUnsignedLong(in.getInt());
        if (size3 != in.remaining()) {
            throw bad(in.position() - 8, "dwDataSize3 disagrees with what follows");
        }
        if (count > in.remaining() / 9) {
            throw bad(in.position() - 4, "dwNumObjects " + count + " cannot fit");
        }
        List<WmioInstance> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            int at = in.position();
            need(in, 9, "WBEM_DATAPACKET_OBJECT");
            expect(in, 9, "dwSizeOfHeader of WBEM_DATAPACKET_OBJECT");
            int size = in.getInt();
            int type = in.get() & 0xFF;
            if (size < 0 || size > in.remaining()) {
                throw bad(at + 4, "dwSizeOfData " + Integer.toUnsignedString(size) + " exceeds the buffer");
            }
            ByteBuffer object = in.slice(in.position(), size).order(ByteOrder.LITTLE_ENDIAN);
            int base = in.position();
            in.position(in.position() + size);
            switch (type) {
                case CLASS -> {
                    // A class definition on its own: queries for instances do not need it.
                }
                case INSTANCE, INSTANCE_NOCLASS -> out.add(instance(object, base, type, codec, classes));
                default -> throw bad(at + 8, "bObjectType " + type + " is not 1, 2 or 3");
            }
        }
        if (in.hasRemaining()) {
            throw bad(in.position(), in.remaining() + " octets after the last object");
        }
        return out;
    }

    private static WmioInstance instance(ByteBuffer in, int base, int type, WmioCodec codec,
                                         Map<String, ClassDefinition> classes) throws DcomException {
        if (in.remaining() < 24) {
            throw bad(base, "WBEMOBJECT_INSTANCE header is cut short");
        }
        if (in.getInt() != 0x18) {
            throw bad(base, "dwSizeOfHeader of an instance is not 0x18");
        }
        int size = in.getInt();
        byte[] guid = new byte[16];
        in.get(guid);
        if (size < 0 || size != in.remaining()) {
            throw bad(base + 4, "dwSizeOfData disagrees with the object's size");
        }
        byte[] data = new byte[size];
        in.get(data);
        String key = HexFormat.of().formatHex(guid);
        try {
            ObjectBlock block;
            if (type == INSTANCE) {
                block = codec.decodeObjectBlock(data);
            } else {
                ClassDefinition cls = classes.get(key);
                if (cls == null) {
                    throw bad(base + 8, "WBEMOBJECT_INSTANCE_NOCLASS for class GUID " + key + " sent before its class");
                }
                block = codec.decodeInstanceNoClass(data, cls);
            }
            if (!(block.object() instanceof WmioInstance instance)) {
                throw bad(base + 24, "a WBEMOBJECT_INSTANCE holds a class");
            }
            classes.putIfAbsent(key, instance.currentClass());
            return instance;
        } catch (WmioFormatException e) {
            throw new DcomException(DcomException.Kind.PROTOCOL, 0, "MS-WMIO object at octet " + (base + 24)
                    + " of the ObjectArray: " + e.getMessage(), e);
        }
    }

    private static void need(ByteBuffer in, int n, String what) throws DcomException {
        if (in.remaining() < n) {
            throw bad(in.position(), what + " is cut short");
        }
    }

    private static void expect(ByteBuffer in, int value, String what) throws DcomException {
        int at = in.position();
        int v = in.getInt();
        if (v != value) {
            throw bad(at, what + " is " + Integer.toUnsignedString(v) + ", not " + value);
        }
    }

    private static DcomException bad(int offset, String message) {
        return new DcomException(DcomException.Kind.PROTOCOL, 0, "ObjectArray, octet " + offset + ": " + message, null);
    }
}
