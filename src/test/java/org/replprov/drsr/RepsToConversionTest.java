package org.replprov.drsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.replprov.drsr.ReplicaFlags.Flag;

/** The conversion rules of MS-DRSR §5.173 between {@code REPS_TO} and {@link RepsTo}, one rule per test. */
class RepsToConversionTest {

    private static final UUID DSA = UUID.fromString("5fef3270-3934-46f3-8b63-b5fc9c55f981");

    /** The sixteen flags §5.173 lists as "preserved if they are present when reading ulReplicaFlags". */
    private static final Set<Flag> LISTED = EnumSet.of(Flag.DRS_INIT_SYNC, Flag.DRS_PER_SYNC, Flag.DRS_MAIL_REP,
            Flag.DRS_DISABLE_AUTO_SYNC, Flag.DRS_DISABLE_PERIODIC_SYNC, Flag.DRS_USE_COMPRESSION,
            Flag.DRS_TWOWAY_SYNC, Flag.DRS_NONGC_RO_REP, Flag.DRS_FULL_SYNC_IN_PROGRESS, Flag.DRS_FULL_SYNC_PACKET,
            Flag.DRS_REF_GCSPN, Flag.DRS_NEVER_SYNCED, Flag.DRS_SPECIAL_SECRET_PROCESSING, Flag.DRS_PREEMPTED,
            Flag.DRS_NEVER_NOTIFY, Flag.DRS_SYNC_PAS);

    private static final RepsTo EVERY_FIELD_SET =
            repsTo("dc2.example.com", ReplicaFlags.of(Flag.DRS_WRIT_REP, Flag.DRS_NEVER_NOTIFY), 7);

    /** A RepsTo with every field set: result 1722, last attempt 13375836000, last success 13375835803. */
    private static RepsTo repsTo(String naDsa, ReplicaFlags options, long consecutiveFailures) {
        return new RepsTo(naDsa, DSA, options, Win32Error.RPC_S_SERVER_UNAVAILABLE, consecutiveFailures,
                new DsTime(13375836000L), new DsTime(13375835803L));
    }

    /** A stored value whose ulReplicaFlags is {@code flags} and whose other fields are those of Example A. */
    private static RepsFromToBlob storedWithFlags(int flags) {
        RepsFixedFields f = EVERY_FIELD_SET.toBlob(1, Layout.SAMBA).fixed();
        RepsFixedFields withFlags = new RepsFixedFields(f.dwReserved0(), f.cConsecutiveFailures(),
                f.timeLastSuccess(), f.timeLastAttempt(), f.ulResultLastAttempt(), new ReplicaFlags(flags),
                f.rtSchedule(), f.dwReserved1(), f.usnVec(), f.uuidDsaObj(), f.uuidInvocId(), f.uuidTransportObj());
        return RepsFromToBlob.of(1, Layout.SAMBA, withFlags, "dc2.example.com");
    }

    @Test
    void thePreservedSetIsWritRepPlusTheSixteenListedFlags() {
        assertThat(LISTED).hasSize(16);
        assertThat(RepsTo.PRESERVED_OPTIONS.flags()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(LISTED.stream(), Stream.of(Flag.DRS_WRIT_REP)).toList());
        assertThat(RepsTo.PRESERVED_OPTIONS.raw()).isEqualTo(0x7D7322F0);
    }

    @Test
    void drsWritRepMeansWritable() {
        RepsTo writable = RepsTo.from(storedWithFlags(Flag.DRS_WRIT_REP.bit()));
        RepsTo readOnly = RepsTo.from(storedWithFlags(Flag.DRS_NONGC_RO_REP.bit()));
        assertThat(writable.writable()).isTrue();
        assertThat(writable.optionNames()).containsExactly("DRS_WRIT_REP");
        assertThat(readOnly.writable()).isFalse();
        assertThat(readOnly.optionNames()).containsExactly("DRS_NONGC_RO_REP");
    }

    static Stream<Flag> listedFlags() {
        return LISTED.stream();
    }

    @ParameterizedTest
    @MethodSource("listedFlags")
    void eachListedFlagIsPreservedOnRead(Flag flag) {
        RepsTo read = RepsTo.from(storedWithFlags(flag.bit() | Flag.DRS_WRIT_REP.bit()));
        assertThat(read.options().flags()).containsExactlyInAnyOrder(flag, Flag.DRS_WRIT_REP);
        assertThat(read.optionNames()).contains(flag.name());
    }

    @ParameterizedTest
    @EnumSource(Flag.class)
    void eachUnlistedFlagIsDroppedOnRead(Flag flag) {
        if (flag == Flag.DRS_WRIT_REP || LISTED.contains(flag)) {
            return;
        }
        RepsTo read = RepsTo.from(storedWithFlags(flag.bit() | Flag.DRS_WRIT_REP.bit()));
        assertThat(read.options()).isEqualTo(ReplicaFlags.of(Flag.DRS_WRIT_REP));
    }

    @Test
    void samba0x1cReadsAsWritRepOnly() {
        // Samba stores ADD_REF | DEL_REF | WRIT_REP; the two UpdateRefs bits are not part of RepsTo.
        assertThat(RepsTo.from(storedWithFlags(0x1C)).options()).isEqualTo(ReplicaFlags.of(Flag.DRS_WRIT_REP));
    }

    @Test
    void aRepsToCannotHoldOptionsThatReadingWouldDrop() {
        assertThatThrownBy(() -> new RepsTo("x", DSA, ReplicaFlags.of(Flag.DRS_ADD_REF, Flag.DRS_WRIT_REP),
                Win32Error.ERROR_SUCCESS, 0, DsTime.NEVER, DsTime.NEVER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DRS_ADD_REF");
    }

    @Test
    void theSevenFieldsAreReadFromTheirPlaces() {
        RepsTo read = RepsTo.from(storedWithFlags(0x10));
        assertThat(read).isEqualTo(repsTo("dc2.example.com", ReplicaFlags.of(Flag.DRS_WRIT_REP), 7));
    }

    static Stream<Arguments> versionsAndLayouts() {
        return Stream.of(1, 2).flatMap(v -> Arrays.stream(Layout.values()).map(l -> Arguments.of(v, l)));
    }

    @ParameterizedTest(name = "version {0}, {1} layout")
    @MethodSource("versionsAndLayouts")
    void writingPutsTheSevenFieldsInPlaceAndZerosEverywhereElse(int version, Layout layout) {
        ByteBuffer wire = wire(EVERY_FIELD_SET.toBlob(version, layout));
        assertThat(wire.getInt(0x00)).isEqualTo(version);
        assertThat(wire.getInt(0x0C)).as("cConsecutiveFailures").isEqualTo(7);
        assertThat(wire.getLong(0x10)).as("timeLastSuccess").isEqualTo(13375835803L);
        assertThat(wire.getLong(0x18)).as("timeLastAttempt").isEqualTo(13375836000L);
        assertThat(wire.getInt(0x20)).as("ulResultLastAttempt").isEqualTo(1722);
        assertThat(wire.getInt(0x2C)).as("ulReplicaFlags").isEqualTo(0x20000010);

        assertThat(range(wire, 0x04, 4)).as("dwReserved0").containsOnly(0);
        assertThat(range(wire, 0x30, 84)).as("rtSchedule").containsOnly(0);
        assertThat(range(wire, 0x84, 4)).as("dwReserved1").containsOnly(0);
        assertThat(range(wire, 0x88, 24)).as("usnVec").containsOnly(0);
        assertThat(range(wire, 0xB0, 16)).as("uuidInvocId").containsOnly(0);
        assertThat(range(wire, 0xC0, 16)).as("uuidTransportObj").containsOnly(0);
        boolean samba = version == 1 && layout == Layout.SAMBA;
        if (!samba) {
            assertThat(range(wire, 0xD0, 8)).as("dwReserved, cbPasDataOffset").containsOnly(0);
        }
        assertThat(wire.getInt(0x24)).as("cbOtherDraOffset").isEqualTo(samba ? 208 : 216);
    }

    @ParameterizedTest(name = "version {0}, {1} layout")
    @MethodSource("versionsAndLayouts")
    void anEmptyNaDsaGivesZeroCbOtherDraAndCbOtherDraOffset(int version, Layout layout) throws Exception {
        RepsTo empty = repsTo("", EVERY_FIELD_SET.options(), 7);
        RepsFromToBlob stored = empty.toBlob(version, layout);
        ByteBuffer wire = wire(stored);
        assertThat(wire.getInt(0x24)).as("cbOtherDraOffset").isZero();
        assertThat(wire.getInt(0x28)).as("cbOtherDra").isZero();
        int header = version == 1 && layout == Layout.SAMBA ? 208 : 216;
        assertThat(wire.capacity()).isEqualTo(header);
        assertThat(wire.getInt(0x08)).as("cb").isEqualTo(header);
        assertThat(RepsTo.from(RepsFromToCodec.decode(RepsFromToCodec.encode(stored)))).isEqualTo(empty);
    }

    @ParameterizedTest(name = "version {0}, {1} layout")
    @MethodSource("versionsAndLayouts")
    void writingThenReadingGivesTheSameRepsTo(int version, Layout layout) throws Exception {
        byte[] wire = RepsFromToCodec.encode(EVERY_FIELD_SET.toBlob(version, layout));
        assertThat(RepsTo.from(RepsFromToCodec.decode(wire))).isEqualTo(EVERY_FIELD_SET);
    }

    @Test
    void version2WritesTheAddressAsServerAndInstance() {
        RepsFromToV2 windows = (RepsFromToV2) EVERY_FIELD_SET.toBlob(2, Layout.WINDOWS);
        DsaRpcInst address = windows.otherDra().orElseThrow();
        assertThat(address.pszServer()).contains("dc2.example.com");
        assertThat(address.pszInstance()).contains("dc2.example.com");
        assertThat(address.pszAnnotation()).isEmpty();
        assertThat(address.pguidInstance()).isEmpty();
        assertThat(address.trailer()).isEqualTo(DsaRpcInst.WINDOWS_TRAILER);
        RepsFromToV2 samba = (RepsFromToV2) EVERY_FIELD_SET.toBlob(2, Layout.SAMBA);
        assertThat(samba.otherDra().orElseThrow().trailer()).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void version2ReadsTheInstanceAndFallsBackToTheServer() {
        RepsFixedFields fixed = EVERY_FIELD_SET.toBlob(2, Layout.WINDOWS).fixed();
        DsaRpcInst both = new DsaRpcInst(Optional.of("server"), Optional.empty(), Optional.of("instance"),
                Optional.empty(), DsaRpcInst.STANDARD_PADDING, Bytes.EMPTY);
        DsaRpcInst serverOnly = new DsaRpcInst(Optional.of("server"), Optional.empty(), Optional.empty(),
                Optional.empty(), DsaRpcInst.STANDARD_PADDING, Bytes.EMPTY);
        assertThat(RepsTo.from(new RepsFromToV2(fixed, 0, 0, Optional.of(both), OpaqueBytes.NONE)).naDsa())
                .isEqualTo("instance");
        assertThat(RepsTo.from(new RepsFromToV2(fixed, 0, 0, Optional.of(serverOnly), OpaqueBytes.NONE)).naDsa())
                .isEqualTo("server");
    }

    @Test
    void consecutiveFailuresIsAnUnsignedDword() {
        RepsFromToBlob stored = withFailures(0xFFFF_FFFFL).toBlob(1, Layout.SAMBA);
        assertThat(stored.fixed().cConsecutiveFailures()).isEqualTo(-1);
        assertThat(RepsTo.from(stored).consecutiveFailures()).isEqualTo(0xFFFF_FFFFL);
        assertThatThrownBy(() -> withFailures(0x1_0000_0000L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> withFailures(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVersion1NameIsLimitedTo255Utf8Bytes() {
        String longest = "a".repeat(255);
        assertThat(named(longest).toBlob(1, Layout.SAMBA).cbOtherDra()).isEqualTo(4 + 256);
        assertThatThrownBy(() -> named(longest + "a").toBlob(1, Layout.SAMBA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255");
        assertThat(named(longest + "a").toBlob(2, Layout.SAMBA).networkAddress())
                .hasSize(256);
    }

    private static RepsTo withFailures(long consecutiveFailures) {
        return repsTo("dc2.example.com", EVERY_FIELD_SET.options(), consecutiveFailures);
    }

    private static RepsTo named(String naDsa) {
        return repsTo(naDsa, EVERY_FIELD_SET.options(), 7);
    }

    private static ByteBuffer wire(RepsFromToBlob value) {
        return ByteBuffer.wrap(RepsFromToCodec.encode(value)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int[] range(ByteBuffer wire, int offset, int length) {
        int[] bytes = new int[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = wire.get(offset + i);
        }
        return bytes;
    }
}
