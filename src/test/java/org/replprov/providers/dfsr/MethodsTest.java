package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.replprov.cim.CimException;
import org.replprov.cim.CimName;
import org.replprov.cim.WbemStatus;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.EngineHost;
import org.replprov.cim.CimValue;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.Uid;
import org.replprov.testing.ManualScheduler;
import org.replprov.testing.Links;

/** Every method with valid and invalid parameters, on inbound (1) and outbound (2) connections. */
class MethodsTest {

    static final UUID F1 = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001");
    static final String F1_TEXT = "AAAAAAAA-0000-4000-8000-000000000001";
    static final String F9_TEXT = "AAAAAAAA-0000-4000-8000-000000000009";
    static final String UID = "{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v538";

    private static final CimName CC = DfsrSchema.CHECK_CONNECTIVITY;
    private static final CimName FR = DfsrSchema.FORCE_REPLICATION;
    private static final CimName FFR = DfsrSchema.FORCE_FOLDER_REPLICATION;
    private static final CimName FD = DfsrSchema.FORCE_DOWNLOAD;
    private static final CimName MODE = DfsrSchema.MODE;
    private static final CimName DUR = DfsrSchema.DURATION_IN_MIN;
    private static final CimName BW = DfsrSchema.BANDWIDTH;
    private static final CimName RF = DfsrSchema.REPLICATED_FOLDER_GUID;
    private static final CimName U = DfsrSchema.UID;

    private DfsrFixture f;

    @BeforeEach
    void setUp() {
        f = new DfsrFixture();
        f.engine.report(Links.inbound(1)).report(Links.outbound(2));
        f.engine.folders(Links.connection(1), Scope.folder(F1, "Data"));
        f.engine.folders(Links.connection(2), Scope.folder(F1, "Data"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    static Stream<Arguments> calls() {
        return Stream.of(
                // method, parameters, inbound result, what the engine must have been asked (null: nothing)
                Arguments.of("CheckConnectivity()", CC, new Object[] {}, 0, "checkConnectivity"),
                Arguments.of("Sync Now 60 min, full bandwidth", FR, new Object[] {MODE, 2L, DUR, 60L, BW, 0xFL}, 0,
                        "forceReplication"),
                Arguments.of("Stop Sync for a week at OFF", FR, new Object[] {MODE, 3L, DUR, 10_080L, BW, 0L}, 0,
                        "forceReplication"),
                Arguments.of("Sync Until In-Sync 1 min", FR, new Object[] {MODE, 4L, DUR, 1L, BW, 5L}, 0,
                        "forceReplication"),
                Arguments.of("Obey Configured Schedule", FR, new Object[] {MODE, 1L, DUR, 0L, BW, 0L}, 0,
                        "forceReplication"),
                Arguments.of("Mode 0", FR, new Object[] {MODE, 0L, DUR, 60L, BW, 0L}, 87, null),
                Arguments.of("Mode 5", FR, new Object[] {MODE, 5L, DUR, 60L, BW, 0L}, 87, null),
                Arguments.of("DurationInMin 10081", FR, new Object[] {MODE, 2L, DUR, 10_081L, BW, 0L}, 87, null),
                Arguments.of("DurationInMin 0 with Sync Now", FR, new Object[] {MODE, 2L, DUR, 0L, BW, 0L}, 87, null),
                Arguments.of("Mode 1 with DurationInMin 10081", FR, new Object[] {MODE, 1L, DUR, 10_081L, BW, 0L}, 87,
                        null),
                Arguments.of("Bandwidth 0x10", FR, new Object[] {MODE, 2L, DUR, 60L, BW, 0x10L}, 87, null),
                Arguments.of("folder, 60 min", FFR, new Object[] {DUR, 60L, BW, 0xFL, RF, F1_TEXT}, 0,
                        "forceFolderReplication"),
                Arguments.of("folder braced lower case", FFR,
                        new Object[] {DUR, 60L, BW, 1L, RF, "{" + F1_TEXT.toLowerCase() + "}"}, 0,
                        "forceFolderReplication"),
                Arguments.of("folder DurationInMin 0", FFR, new Object[] {DUR, 0L, BW, 1L, RF, F1_TEXT}, 87, null),
                Arguments.of("folder DurationInMin 10081", FFR, new Object[] {DUR, 10_081L, BW, 1L, RF, F1_TEXT}, 87,
                        null),
                Arguments.of("folder Bandwidth 16", FFR, new Object[] {DUR, 60L, BW, 16L, RF, F1_TEXT}, 87, null),
                Arguments.of("folder not a GUID", FFR, new Object[] {DUR, 60L, BW, 1L, RF, "Data"}, 87, null),
                Arguments.of("folder not on the connection", FFR, new Object[] {DUR, 60L, BW, 1L, RF, F9_TEXT}, 1168,
                        null),
                Arguments.of("download", FD, new Object[] {RF, F1_TEXT, U, UID}, 0, "forceDownload"),
                Arguments.of("download, Uid without v", FD,
                        new Object[] {RF, F1_TEXT, U, "{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-538"}, 0, "forceDownload"),
                Arguments.of("download, Uid not {GUID}-vN", FD, new Object[] {RF, F1_TEXT, U, "538"}, 87, null),
                Arguments.of("download, Uid without version", FD,
                        new Object[] {RF, F1_TEXT, U, "{DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}"}, 87, null),
                Arguments.of("download, folder not a GUID", FD, new Object[] {RF, "x", U, UID}, 87, null),
                Arguments.of("download, folder not on the connection", FD, new Object[] {RF, F9_TEXT, U, UID}, 1168,
                        null));
    }

    @ParameterizedTest(name = "inbound: {0} -> {3}")
    @MethodSource("calls")
    void onAnInboundConnection(String what, CimName method, Object[] params, int expected, String engineCall) {
        assertThat(f.invoke(1, method, params)).isEqualTo(expected);
        if (engineCall == null) {
            assertThat(f.engine.calls()).extracting(FakeCall -> FakeCall.method()).containsOnly("start");
        } else {
            assertThat(f.engine.calls(engineCall)).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "outbound: {0} -> 50")
    @MethodSource("calls")
    void onAnOutboundConnectionEveryCallFails(String what, CimName method, Object[] params, int inbound,
                                              String engineCall) {
        assertThat(f.invoke(2, method, params)).isEqualTo(ReturnCode.ERROR_NOT_SUPPORTED.code());
        assertThat(f.engine.calls()).extracting(c -> c.method()).containsOnly("start");
    }

    @Test
    void theEngineReceivesTheTypedArguments() {
        f.invoke(1, FR, MODE, 3L, DUR, 60L, BW, 0x6L);
        f.invoke(1, FFR, DUR, 60L, BW, 0xAL, RF, F1_TEXT);
        f.invoke(1, FD, RF, F1_TEXT, U, UID);
        UUID c = Links.connection(1);
        assertThat(f.engine.calls("forceReplication")).singleElement().extracting(x -> x.args())
                .isEqualTo(java.util.List.of(c, ReplicationMode.STOP_SYNC, BandwidthLevel.MBPS_1));
        assertThat(f.engine.calls("forceFolderReplication")).singleElement().extracting(x -> x.args())
                .isEqualTo(java.util.List.of(c, F1, ReplicationMode.SYNC_NOW, BandwidthLevel.MBPS_16));
        assertThat(f.engine.calls("forceDownload")).singleElement().extracting(x -> x.args())
                .isEqualTo(java.util.List.of(c, F1, Uid.parse(UID).orElseThrow()));
    }

    @Test
    void anEngineRefusalIsTheReturnValue() {
        f.engine.refuse("checkConnectivity", 1722).refuse("forceDownload", 2);
        assertThat(f.invoke(1, CC)).isEqualTo(1722);
        assertThat(f.invoke(1, FD, RF, F1_TEXT, U, UID)).isEqualTo(ReturnCode.MONITOR_STATUS_IDRECORD_NOT_FOUND.code());
        assertThat(f.state(1)).isEqualTo(ConnectionState.OFFLINE.value());
    }

    @Test
    void anOperationTheEngineLacksIsErrorNotSupportedAndSetsNoOverride() {
        ManualScheduler clock = new ManualScheduler();
        var engine = new org.replprov.testing.FakeEngine(clock.clock()).without(Capability.FORCE_REPLICATION);
        EngineHost host = EngineHost.builder().engine("partial", engine).build();
        try (host; var p = DfsrConnectionInfoProvider.builder().cimClass(DfsrFixture.CLASS).engines(host)
                .scheduler(clock).build()) {
            host.start();
            engine.report(Links.inbound(1));
            var result = p.invokeMethod(DfsrFixture.CTX, DfsrFixture.CLASS, DfsrFixture.path(Links.connection(1)),
                    DfsrFixture.CLASS.method(FR).orElseThrow(), Map.of(MODE, CimValue.uint32(2), DUR,
                            CimValue.uint32(60), BW, CimValue.uint32(0xF)));
            assertThat(result.returnValue()).isEqualTo(CimValue.uint32(50));
            assertThat(engine.calls("forceReplication")).isEmpty();
            assertThat(p.overrides(Links.connection(1))).isEmpty();
        }
    }

    @Test
    void aRefusedForceSetsNoOverride() {
        f.engine.refuse("forceReplication", 5);
        assertThat(f.invoke(1, FR, MODE, 2L, DUR, 60L, BW, 0xFL)).isEqualTo(5);
        assertThat(f.provider.overrides(Links.connection(1))).isEmpty();
    }

    @Test
    void aTimeoutIsErrorTimeout() {
        ManualScheduler clock = new ManualScheduler();
        var engine = new org.replprov.testing.FakeEngine(clock.clock());
        EngineHost host = EngineHost.builder().engine("slow", engine).timeout(Duration.ofMillis(100)).build();
        try (host; var p = DfsrConnectionInfoProvider.builder().cimClass(DfsrFixture.CLASS).engines(host)
                .scheduler(clock).build()) {
            host.start();
            engine.report(Links.inbound(1));
            var release = engine.hang("checkConnectivity");
            try {
                var result = p.invokeMethod(DfsrFixture.CTX, DfsrFixture.CLASS, DfsrFixture.path(Links.connection(1)),
                        DfsrFixture.CLASS.method(CC).orElseThrow(), Map.of());
                assertThat(result.returnValue().text()).isEqualTo("1460");
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void anUnknownInstanceIsNotFound() {
        assertThatThrownBy(() -> f.invoke(7, CC)).isInstanceOfSatisfying(CimException.class,
                e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_NOT_FOUND));
    }
}
