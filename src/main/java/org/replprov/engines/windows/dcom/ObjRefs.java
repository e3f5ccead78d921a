package org.replprov.engines.windows.dcom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * The {@code OBJREF_CUSTOM} (MS-DCOM §2.2.18.6) that carries an {@code IWbemClassObject} by value (MS-WMI
 * §2.2.4.1): signature "MEOW", flags 4, the IID, CLSID_WbemClassObject, cbExtension 0, size, then the EncodingUnit.
 */
final class ObjRefs {

    private static final int MEOW = 0x574F454D;
    private static final int FLAGS_OBJREF_CUSTOM = 4;
    private static final int HEADER = 4 + 4 + 16 + 16 + 4 + 4;

    private ObjRefs() {
    }

    static byte[] custom(byte[] encodingUnit) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + encodingUnit.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MEOW).putInt(FLAGS_OBJREF_CUSTOM);
        guid(b, WmiClient.IID_IWBEM_CLASS_OBJECT);
        guid(b, WmiClient.CLSID_WBEM_CLASS_OBJECT);
        b.putInt(0).putInt(encodingUnit.length).put(encodingUnit);
        return b.array();
    }

    /** The EncodingUnit inside an OBJREF_CUSTOM of an IWbemClassObject. */
    static byte[] customData(byte[] objref) throws DcomException {
        ByteBuffer b = ByteBuffer.wrap(objref).order(ByteOrder.LITTLE_ENDIAN);
        if (objref.length < HEADER || b.getInt(0) != MEOW || b.getInt(4) != FLAGS_OBJREF_CUSTOM) {
            throw new DcomException(DcomException.Kind.PROTOCOL, 0, "out-parameters: not an OBJREF_CUSTOM at octet 0", null);
        }
        byte[] out = new byte[objref.length - HEADER];
        System.arraycopy(objref, HEADER, out, 0, out.length);
        return out;
    }

    private static void guid(ByteBuffer b, String text) {
        UUID u = UUID.fromString(text);
        long msb = u.getMostSignificantBits();
        long lsb = u.getLeastSignificantBits();
        b.putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
        b.order(ByteOrder.BIG_ENDIAN).putLong(lsb).order(ByteOrder.LITTLE_ENDIAN);
    }
}
