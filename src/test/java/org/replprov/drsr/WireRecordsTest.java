package org.replprov.drsr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Byte order of GUIDs and the invariants that keep every wire record encodable and exactly decodable. */
class WireRecordsTest {

    private static final RepsFixedFields FIXED = new RepsTo("", UUID.randomUUID(), ReplicaFlags.NONE,
            Win32Error.ERROR_SUCCESS, 0, DsTime.NEVER, DsTime.NEVER).toBlob(1, Layout.SAMBA).fixed();

    @Test
    void guidsUseTheMsDtypByteOrder() throws MalformedBlobException {
        String[][] examples = {
                {"5fef3270-3934-46f3-8b63-b5fc9c55f981", "7032ef5f3439f3468b63b5fc9c55f981"},
                {"a7b01005-24dd-4ffd-958d-563590dd22dc", "0510b0a7dd24fd4f958d563590dd22dc"},
        };
        for (String[] example : examples) {
            UUID guid = UUID.fromString(example[0]);
            byte[] wire = new LeWriter().guid(guid).toByteArray();
            assertThat(Bytes.of(wire).toHex()).isEqualTo(example[1]);
            assertThat(new LeReader(wire).guid(0, "guid")).isEqualTo(guid);
        }
    }

    @Test
    void mtxAddrNamesAreUtf8WithoutNul() {
        MtxAddr name = new MtxAddr("dç2.example");
        assertThat(name.mtxNamelen()).isEqualTo(13);
        assertThat(name.size()).isEqualTo(17);
        assertThatThrownBy(() -> new MtxAddr("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MtxAddr("\ud800")).hasMessageContaining("well-formed");
        assertThatThrownBy(() -> new MtxAddr("é".repeat(128))).hasMessageContaining("255");
    }

    @Test
    void aNonAsciiMtxAddrNameRoundTrips() throws MalformedBlobException {
        RepsFromToBlob value = RepsFromToBlob.of(1, Layout.WINDOWS, FIXED, "dç2.exämple.com");
        byte[] wire = RepsFromToCodec.encode(value);
        assertThat(RepsFromToCodec.decode(wire)).isEqualTo(value);
        assertThat(value.cbOtherDra()).isEqualTo(4 + "dç2.exämple.com".getBytes(UTF_8).length + 1);
    }

    @Test
    void dsaRpcInstPlacesItsItemsOneAfterTheOther() {
        UUID guid = UUID.fromString("5fef3270-3934-46f3-8b63-b5fc9c55f981");
        DsaRpcInst all = new DsaRpcInst(Optional.of("ab"), Optional.of("c"), Optional.of("def"), Optional.of(guid),
                DsaRpcInst.STANDARD_PADDING, Bytes.zeros(2));
        assertThat(all.cbpszServerOffset()).isEqualTo(24);
        assertThat(all.cbpszAnnotationOffset()).isEqualTo(24 + 6);
        assertThat(all.cbpszInstanceOffset()).isEqualTo(24 + 6 + 4);
        assertThat(all.cbpguidInstanceOffset()).isEqualTo(24 + 6 + 4 + 8);
        assertThat(all.cb()).isEqualTo(24 + 6 + 4 + 8 + 16 + 2);
        DsaRpcInst none = new DsaRpcInst(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Bytes.EMPTY, Bytes.EMPTY);
        assertThat(none.cb()).isEqualTo(20);
        assertThat(none.networkAddress()).isEmpty();
        assertThatThrownBy(() -> new DsaRpcInst(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DsaRpcInst.STANDARD_PADDING, Bytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSambaVersion1LayoutHasNoReservedFieldsAndDataBefore216() {
        assertThatThrownBy(() -> new RepsFromToV1(Layout.SAMBA, FIXED, 1, 0, Optional.empty(), OpaqueBytes.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        OpaqueBytes eightBytes = new OpaqueBytes(Bytes.EMPTY, Bytes.zeros(8), Bytes.EMPTY);
        assertThatThrownBy(() -> new RepsFromToV1(Layout.SAMBA, FIXED, 0, 0, Optional.empty(), eightBytes))
                .hasMessageContaining("216");
        assertThat(new RepsFromToV1(Layout.WINDOWS, FIXED, 0, 0, Optional.empty(), eightBytes).cb()).isEqualTo(224);
    }

    @Test
    void aGapNeedsAnAddress() {
        OpaqueBytes gap = new OpaqueBytes(Bytes.zeros(4), Bytes.EMPTY, Bytes.EMPTY);
        assertThatThrownBy(() -> new RepsFromToV2(FIXED, 0, 0, Optional.empty(), gap))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lengthsAndOffsetsAreComputed() {
        RepsFromToBlob value = new RepsFromToV1(Layout.WINDOWS, FIXED, 0, 0, Optional.of(new MtxAddr("dc")),
                new OpaqueBytes(Bytes.zeros(8), Bytes.zeros(3), Bytes.zeros(5)));
        assertThat(value.cbOtherDraOffset()).isEqualTo(216 + 8);
        assertThat(value.cbOtherDra()).isEqualTo(4 + 3);
        assertThat(value.tailOffset()).isEqualTo(216 + 8 + 7);
        assertThat(value.cb()).isEqualTo(216 + 8 + 7 + 3);
        assertThat(value.size()).isEqualTo(value.cb() + 5);
        assertThat(RepsFromToCodec.encode(value)).hasSize(value.size());
    }

    @Test
    void bytesAreImmutableValues() {
        byte[] source = {1, 2};
        Bytes bytes = Bytes.of(source);
        source[0] = 9;
        assertThat(bytes.toHex()).isEqualTo("0102");
        bytes.toArray()[1] = 9;
        assertThat(bytes).isEqualTo(Bytes.fromHex("0102")).hasToString("2 bytes: 0102");
        assertThatThrownBy(() -> Bytes.fromHex("abc")).hasMessageContaining("odd");
        assertThatThrownBy(() -> Bytes.fromHex("0g")).hasMessageContaining("'g' at position 1");
        assertThatThrownBy(() -> new ReplTimes(Bytes.zeros(83))).hasMessageContaining("84");
    }
}
