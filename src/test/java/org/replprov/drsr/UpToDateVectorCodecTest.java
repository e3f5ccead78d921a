package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The {@code replUpToDateVector} codec (MS-DRSR §5.166) on a worked example, version 1, the bounds it enforces and a
 * malformed set where each input is one {@link MalformedBlobException} naming the field and its offset. Samba's NDR
 * code reads, writes and rejects the same bytes in {@link UpToDateVectorSambaTest}.
 */
class UpToDateVectorCodecTest {

    static final UUID DC2 = UUID.fromString("5fef3270-3934-46f3-8b63-b5fc9c55f981");

    /**
     * One version 2 cursor for invocation ID {@link #DC2}, USN 4088, last success 2024-11-11T21:56:43Z; these are the
     * bytes Samba's {@code ndr_pack} writes for it.
     */
    static final String EXAMPLE = "02000000" + "00000000" + "01000000" + "00000000"
            + "7032ef5f3439f3468b63b5fc9c55f981" + "f80f000000000000" + "801f1e988434db01";

    /** One damaged value: its hex, and the field, offset and message the decoder must report. */
    record Malformed(String name, String hex, String field, int offset, String message) {
    }

    private static final String V2_HEADER_ONE = "02000000" + "00000000" + "01000000" + "00000000";

    static final List<Malformed> MALFORMED = List.of(
            new Malformed("empty", "", "dwVersion", 0x00,
                    "dwVersion needs 4 bytes but the blob ends (len=0x0000) at offset 0x00"),
            new Malformed("header cut in cNumCursors", EXAMPLE.substring(0, 18), "cNumCursors", 0x08,
                    "cNumCursors needs 4 bytes but the blob ends (len=0x0009) at offset 0x08"),
            new Malformed("header cut in dwReserved2", EXAMPLE.substring(0, 30), "dwReserved2", 0x0C,
                    "dwReserved2 needs 4 bytes but the blob ends (len=0x000F) at offset 0x0C"),
            new Malformed("version 0", "00" + EXAMPLE.substring(2), "dwVersion", 0x00,
                    "dwVersion=0x00000000 is neither 1 nor 2 at offset 0x00"),
            new Malformed("version 3", "03" + EXAMPLE.substring(2), "dwVersion", 0x00,
                    "dwVersion=0x00000003 is neither 1 nor 2 at offset 0x00"),
            new Malformed("version 0xFFFFFFFF", "ffffffff" + EXAMPLE.substring(8), "dwVersion", 0x00,
                    "dwVersion=0xFFFFFFFF is neither 1 nor 2 at offset 0x00"),
            new Malformed("count 0xFFFFFFFF", "0200000000000000ffffffff00000000" + EXAMPLE.substring(32),
                    "cNumCursors", 0x08, "cNumCursors=0xFFFFFFFF is above the limit of 1048576 at offset 0x08"),
            new Malformed("count one above the MS-DRSR range", "020000000000000001001000" + "00000000",
                    "cNumCursors", 0x08, "cNumCursors=0x00100001 is above the limit of 1048576 at offset 0x08"),
            new Malformed("count at the MS-DRSR limit, no cursors", "020000000000000000001000" + "00000000",
                    "cNumCursors", 0x08, "cNumCursors=1048576 needs 0x2000000 bytes of version 2 cursors but "
                    + "0x0000 follow the header (len=0x0010) at offset 0x08"),
            new Malformed("count 2, one cursor", "0200000000000000" + "02000000" + EXAMPLE.substring(24),
                    "cNumCursors", 0x08, "cNumCursors=2 needs 0x0040 bytes of version 2 cursors but 0x0020 "
                    + "follow the header (len=0x0030) at offset 0x08"),
            new Malformed("cursor cut short", EXAMPLE.substring(0, 2 * 36), "cNumCursors", 0x08,
                    "cNumCursors=1 needs 0x0020 bytes of version 2 cursors but 0x0014 follow the header "
                    + "(len=0x0024) at offset 0x08"),
            new Malformed("a version 1 cursor under a version 2 header",
                    V2_HEADER_ONE + EXAMPLE.substring(32, 32 + 48), "cNumCursors", 0x08,
                    "cNumCursors=1 needs 0x0020 bytes of version 2 cursors but 0x0018 follow the header "
                    + "(len=0x0028) at offset 0x08"),
            new Malformed("trailing bytes", EXAMPLE + "00000000", "rgCursors", 0x30,
                    "rgCursors ends at 0x30 but 4 more bytes follow (len=0x0034) at offset 0x30"),
            new Malformed("a version 2 cursor under a version 1 header", "01" + EXAMPLE.substring(2), "rgCursors",
                    0x28, "rgCursors ends at 0x28 but 8 more bytes follow (len=0x0030) at offset 0x28"),
            new Malformed("no cursors, then bytes", "0200000000000000000000000000000000",
                    "rgCursors", 0x10, "rgCursors ends at 0x10 but 1 more bytes follow (len=0x0011) at offset 0x10"));

    @Test
    void theWorkedExampleDecodesToItsFieldsAndBack() throws MalformedBlobException {
        byte[] bytes = Bytes.fromHex(EXAMPLE).toArray();
        ReplUpToDateVector value = ReplUpToDateVectorCodec.decode(bytes);
        UpToDateCursor cursor = new UpToDateCursor(DC2, 4088, NtTime.of(Instant.parse("2024-11-11T21:56:43Z")));
        assertThat(value).isEqualTo(ReplUpToDateVector.of(List.of(cursor)));
        assertThat(value.cNumCursors()).isEqualTo(1);
        assertThat(value.size()).isEqualTo(bytes.length);
        assertThat(cursor.timeLastSyncSuccess().ticks()).isEqualTo(133758358030000000L);
        assertThat(Bytes.of(ReplUpToDateVectorCodec.encode(value))).isEqualTo(Bytes.of(bytes));
    }

    @Test
    void theDumpAndTheJsonShowEveryField() throws MalformedBlobException {
        ReplUpToDateVector value = ReplUpToDateVectorCodec.decode(Bytes.fromHex(EXAMPLE).toArray());
        assertThat(UpToDateVectorDump.dump(value)).isEqualTo("""
                replUpToDateVector version 2 (UPTODATE_VECTOR_V2_EXT), 1 cursor, 48 bytes
                0x000  dwVersion                            2
                0x004  dwReserved1                          0x00000000
                0x008  cNumCursors                          1
                0x00C  dwReserved2                          0x00000000
                0x010  rgCursors[0].uuidDsa                 5fef3270-3934-46f3-8b63-b5fc9c55f981
                0x020  rgCursors[0].usnHighPropUpdate       4088
                0x028  rgCursors[0].timeLastSyncSuccess     133758358030000000 = 2024-11-11T21:56:43Z
                """);
        assertThat(RepsJson.toJson(value)).isEqualToIgnoringWhitespace("""
                { "version" : 2, "cursors" : [ { "uuidDsa" : "5fef3270-3934-46f3-8b63-b5fc9c55f981",
                  "usnHighPropUpdate" : 4088, "timeLastSyncSuccess" : 133758358030000000 } ] }""");
    }

    @Test
    void version1CursorsHaveNoTime() throws MalformedBlobException {
        String v1 = "01000000" + "00000000" + "02000000" + "00000000"
                + "7032ef5f3439f3468b63b5fc9c55f981" + "0100000000000000"
                + "0510b0a7dd24fd4f958d563590dd22dc" + "ffffffffffffff7f";
        ReplUpToDateVector value = ReplUpToDateVectorCodec.decode(Bytes.fromHex(v1).toArray());
        UUID dc1 = UUID.fromString("a7b01005-24dd-4ffd-958d-563590dd22dc");
        assertThat(value).isEqualTo(new ReplUpToDateVector(1, 0, 0,
                List.of(UpToDateCursor.v1(DC2, 1), UpToDateCursor.v1(dc1, Long.MAX_VALUE))));
        assertThat(Bytes.of(ReplUpToDateVectorCodec.encode(value)).toHex()).isEqualTo(v1);
        assertThat(UpToDateVectorDump.dump(value)).contains("2 cursors, 64 bytes")
                .doesNotContain("timeLastSyncSuccess");
        assertThat(RepsJson.toJson(value)).doesNotContain("timeLastSyncSuccess");
        assertThatThrownBy(() -> new ReplUpToDateVector(1, 0, 0,
                List.of(new UpToDateCursor(DC2, 1, new NtTime(1)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 1");
    }

    @Test
    void reservedFieldsAndAnEmptyVectorRoundTrip() throws MalformedBlobException {
        String odd = "02000000" + "78563412" + "00000000" + "efbeadde";
        ReplUpToDateVector value = ReplUpToDateVectorCodec.decode(Bytes.fromHex(odd).toArray());
        assertThat(value.dwReserved1()).isEqualTo(0x12345678);
        assertThat(value.dwReserved2()).isEqualTo(0xDEADBEEF);
        assertThat(value.rgCursors()).isEmpty();
        assertThat(Bytes.of(ReplUpToDateVectorCodec.encode(value)).toHex()).isEqualTo(odd);
    }

    @Test
    void eachMalformedInputIsOneErrorNamingFieldAndOffset() {
        for (Malformed m : MALFORMED) {
            MalformedBlobException e = catchThrowableOfType(
                    () -> ReplUpToDateVectorCodec.decode(Bytes.fromHex(m.hex()).toArray()),
                    MalformedBlobException.class);
            assertThat(e).as(m.name()).isNotNull();
            assertThat(e.getMessage()).as(m.name()).isEqualTo(m.message());
            assertThat(e.field()).as(m.name()).isEqualTo(m.field());
            assertThat(e.offset()).as(m.name()).isEqualTo(m.offset());
        }
    }

    @Test
    void cursorForFindsTheCursorOfOneInvocationId() {
        UUID other = UUID.fromString("2294158c-0000-4000-8000-000000000001");
        ReplUpToDateVector value = ReplUpToDateVector.of(List.of(
                new UpToDateCursor(other, 77, NtTime.NEVER), new UpToDateCursor(DC2, 4088, new NtTime(5))));
        assertThat(value.cursorFor(DC2)).map(UpToDateCursor::usnHighPropUpdate).contains(4088L);
        assertThat(value.cursorFor(UUID.randomUUID())).isEmpty();
    }

    @Test
    void theValueRejectsWhatCannotBeStored() {
        assertThatThrownBy(() -> new ReplUpToDateVector(3, 0, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or 2");
        assertThatThrownBy(() -> ReplUpToDateVector.of(
                Collections.nCopies(ReplUpToDateVector.MAX_CURSORS + 1, UpToDateCursor.v1(DC2, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1048576");
    }

    @Test
    void ntTimeIsHundredNanosecondsSince1601() {
        Instant instant = Instant.parse("2024-11-11T21:56:43.1234567Z");
        NtTime time = NtTime.of(instant);
        assertThat(time.ticks()).isEqualTo(133758358031234567L);
        assertThat(time.toInstant()).contains(instant);
        assertThat(NtTime.of(Instant.parse("1601-01-01T00:00:00Z")).ticks()).isZero();
        assertThat(NtTime.NEVER.toInstant()).isEmpty();
        assertThat(NtTime.NEVER).hasToString("0 = never");
        NtTime max = new NtTime(-1);
        assertThat(max.unsigned()).isEqualTo("18446744073709551615");
        assertThat(max.toInstant()).map(Instant::toString).contains("+60056-05-28T05:36:10.955161500Z");
        assertThatThrownBy(() -> NtTime.of(Instant.parse("1600-12-31T23:59:59Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
