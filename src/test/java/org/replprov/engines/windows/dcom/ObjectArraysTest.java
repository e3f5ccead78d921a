package org.replprov.engines.windows.dcom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.jinterop.dcom.core.JIComServer;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.engines.windows.wmio.ObjectBlock;
import org.replprov.engines.windows.wmio.WmioCim;
import org.replprov.engines.windows.wmio.WmioCodec;
import org.replprov.engines.windows.wmio.WmioInstance;
import org.replprov.engines.windows.wsman.DfsrMember;

/**
 * The ObjectArray reader (MS-WMI §2.2.14): instances with and without their class, the class cache, and malformed
 * input, which is only ever a PROTOCOL DcomException naming an offset. Also the activation shim's effect.
 */
class ObjectArraysTest {

    static final DfsrMember MEMBER = WmiqueryCrossCheckTest.MEMBER;
    static final byte[] CLASS_GUID = new byte[16];

    static {
        Arrays.fill(CLASS_GUID, (byte) 0x5A);
    }

    /** An ObjectArray as the responder (and Windows) lays it out: the first instance whole, the rest without class. */
    static byte[] array(List<CimInstance> instances) {
        WmioCodec codec = WmioCodec.standard();
        ByteArrayOutputStream objects = new ByteArrayOutputStream();
        boolean first = true;
        for (CimInstance i : instances) {
            ObjectBlock block = WmioCim.toObjectBlock(i, null);
            byte[] data = first ? codec.encodeObjectBlock(block) : codec.encodeInstanceNoClass(block);
            ByteBuffer inner = le(24 + data.length).putInt(0x18).putInt(data.length).put(CLASS_GUID).put(data);
            ByteBuffer packet = le(9 + inner.capacity()).putInt(9).putInt(inner.capacity())
                    .put((byte) (first ? 2 : 3)).put(inner.array());
            objects.writeBytes(packet.array());
            first = false;
        }
        byte[] body = objects.toByteArray();
        ByteBuffer b = le(26 + 8 + 12 + body.length);
        b.putInt(0).put("WBEMDATA".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0x1A)
                .putInt(8 + 12 + body.length).putInt(0).put((byte) 1).put((byte) 0)
                .putInt(8).putInt(12 + body.length).putInt(12).putInt(body.length).putInt(instances.size()).put(body);
        return b.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static List<CimInstance> three() {
        return List.of(
                MEMBER.connection(UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001"), WmiqueryCrossCheckTest.PARTNER,
                        WmiqueryCrossCheckTest.GROUP, "Docs", true, 1, 0, 0),
                MEMBER.connection(UUID.fromString("aaaaaaaa-0000-0000-0000-000000000002"), WmiqueryCrossCheckTest.PARTNER,
                        WmiqueryCrossCheckTest.GROUP, "Docs", false, 3, 1722, 5002),
                MEMBER.connection(UUID.fromString("aaaaaaaa-0000-0000-0000-000000000003"), WmiqueryCrossCheckTest.PARTNER,
                        WmiqueryCrossCheckTest.GROUP, "Docs", true, 0, 0, 0));
    }

    @Test
    void instancesWithoutTheirClassTakeItFromTheCache() throws Exception {
        List<WmioInstance> out = ObjectArrays.read(array(three()), WmioCodec.standard(), new HashMap<>());

        assertThat(out).extracting(i -> WmioCim.toCimInstance(i).value("LastErrorCode"))
                .containsExactly(CimValue.uint32(0), CimValue.uint32(1722), CimValue.uint32(0));
        assertThat(out.get(2).currentClass()).isEqualTo(out.get(0).currentClass());
    }

    @Test
    void anInstanceWithoutItsClassBeforeTheClassIsRefused() {
        byte[] whole = array(three());
        // the second batch of an enumeration, read with an empty cache, would start with a no-class instance
        ByteBuffer b = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN);
        int firstObject = 46;
        b.put(firstObject + 8, (byte) 3);
        assertThatThrownBy(() -> ObjectArrays.read(whole, WmioCodec.standard(), new HashMap<>()))
                .isInstanceOfSatisfying(DcomException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DcomException.Kind.PROTOCOL);
                    assertThat(e.getMessage()).contains("octet").contains("before its class");
                });
    }

    @Test
    void truncatedAndMangledArraysAreProtocolErrorsOnly() {
        byte[] whole = array(three());
        for (int cut = 0; cut < whole.length; cut += 7) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> ObjectArrays.read(part, WmioCodec.standard(), new HashMap<>()))
                    .isInstanceOfSatisfying(DcomException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DcomException.Kind.PROTOCOL);
                        assertThat(e.getMessage()).contains("octet");
                    });
        }
        Random random = new Random(16);
        for (int round = 0; round < 3000; round++) {
            byte[] mangled = whole.clone();
            for (int k = 0; k <= random.nextInt(4); k++) {
                mangled[random.nextInt(mangled.length)] = (byte) random.nextInt(256);
            }
            try {
                ObjectArrays.read(mangled, WmioCodec.standard(), new HashMap<>());
            } catch (DcomException expected) {
                assertThat(expected.kind()).isEqualTo(DcomException.Kind.PROTOCOL);
            }
        }
    }

    @Test
    void theShimSetsPacketPrivacyInTheActivationDefaults() throws Exception {
        JInteropShim.ensure();
        JInteropShim.ensure();
        for (Class<?> c : List.of(JIComServer.class, Class.forName("org.jinterop.dcom.core.JIComOxidStub"))) {
            Field f = c.getDeclaredField("DEFAULTS");
            f.setAccessible(true);
            Properties p = (Properties) f.get(null);
            assertThat(p.getProperty("rpc.ntlm.seal")).as(c.getSimpleName()).isEqualTo("true");
            assertThat(p.getProperty("rpc.ntlm.sign")).isEqualTo("true");
            assertThat(p.getProperty("rpc.ntlm.keyExchange")).isEqualTo("true");
        }
    }
}
