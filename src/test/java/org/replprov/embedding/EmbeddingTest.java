package org.replprov.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimValue;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.EngineHost;
import org.replprov.config.ConfigNode;
import org.replprov.config.YamlReader;
import org.replprov.engine.EngineLoader;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.provider.IndicationStream;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.spi.Indication;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.MethodResult;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.providers.ad.RepsToProvider;
import org.replprov.providers.ad.RepsToSchema;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.repository.ClassRepository;
import org.replprov.state.InMemoryRepsToStore;
import org.replprov.state.StateStore;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Links;
import org.replprov.time.SystemScheduler;
import org.replprov.wql.ResultRow;
import org.replprov.mof.MofCompiler;

/** Runs the code of docs/embedding.md; each code block there must appear here verbatim. */
class EmbeddingTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void captureStdout() {
        stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(stdout);
    }

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void ownProviderForOwnClass() {
        CimClass disk = CimClass.builder("Demo_Disk")
                .property(CimProperty.of("Id", CimDataType.STRING, CimQualifier.flag("Key")))
                .property(CimProperty.of("FreeMb", CimDataType.UINT32))
                .build();
        ClassRepository schema = ClassRepository.builder().addClass("root/demo", disk).build();

        InstanceProvider disks = new InstanceProvider() {
            @Override
            public String name() {
                return "disks";
            }

            @Override
            public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
                out.accept(CimInstance.builder(cimClass).set("Id", "sda").set("FreeMb", CimValue.uint32(512)).build());
            }
        };

        try (ObjectManager om = ObjectManager.builder(schema).register("root/demo", disk.name(), disks).build()) {
            CimInstance sda = om.getInstance("root/demo", CimObjectPath.parse("Demo_Disk.Id=\"sda\""));
            System.out.println(sda.value("FreeMb").text()); // 512
        }
        assertThat(lines()).containsExactly("512");
    }

    private final FakeEngine fake = new FakeEngine(Clock.systemUTC());

    /** Stands for the reader's adapter. */
    private ReplicationEngine yourAdapter() {
        return fake;
    }

    @Test
    void dfsrOverOwnEngine(@TempDir Path stateDirectory) throws Exception {
        UUID connectionGuid = Links.connection(1);

        ClassRepository repository = MofCompiler.loadShippedSchema(); // root/MicrosoftDfs with DfsrConnectionInfo
        ReplicationEngine myEngine = yourAdapter(); // a ReplicationEngine
        EngineHost engines = EngineHost.builder().engine("mine", myEngine).build(); // timeouts around every call
        StateStore state = StateStore.open(stateDirectory); // overrides and sync results survive restarts
        DfsrConnectionInfoProvider dfsr = DfsrConnectionInfoProvider.builder()
                .schema(repository)
                .engines(engines)
                .stateStore(state)
                .build();                                    // restores saved state and subscribes to the engines
        ObjectManager om = ObjectManager.builder(repository)
                .register(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, dfsr).build();
        engines.start();

        fake.report(Links.inbound(1)).connecting(connectionGuid);

        for (CimInstance c : om.enumerateInstances(DfsrSchema.NAMESPACE, DfsrSchema.CLASS)) {
            System.out.println(c.value("PartnerName").text() + " " + c.value("State").text());
        }
        MethodResult r = om.invokeMethod(DfsrSchema.NAMESPACE,
                CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\"" + connectionGuid + "\""),
                DfsrSchema.FORCE_REPLICATION,
                Map.of(DfsrSchema.MODE, CimValue.uint32(2),              // Sync Now
                        DfsrSchema.DURATION_IN_MIN, CimValue.uint32(60),
                        DfsrSchema.BANDWIDTH, CimValue.uint32(0xF)));     // full bandwidth
        System.out.println(r.returnValue().text()); // 0: the override runs for an hour

        for (ResultRow row : om.execQuery(DfsrSchema.NAMESPACE,
                "SELECT PartnerName, State FROM DfsrConnectionInfo WHERE Inbound = TRUE AND State <> 1")) {
            System.out.println(row.path() + " " + row.instance().value("State").text());
        }

        // The partner answers a second later, while the subscriber waits.
        Thread partner = new Thread(() -> {
            sleep(1000);
            fake.online(connectionGuid);
        });
        partner.start();

        try (IndicationStream events = om.subscribe(DfsrSchema.NAMESPACE,
                "SELECT * FROM __InstanceModificationEvent WITHIN 10 WHERE TargetInstance ISA 'DfsrConnectionInfo'")) {
            Optional<Indication> next = events.poll(Duration.ofSeconds(30));
            next.ifPresent(e -> System.out.println(e.previousInstance().value("State").text() + " -> "
                    + e.targetInstance().value("State").text()));
        }
        engines.close();
        om.close();
        state.close();

        partner.join();
        assertThat(lines()).containsExactly("BRANCH1 0", "0",
                "root\\MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=\"10000000-0000-4001-8000-000000000001\" 0",
                "0 -> 1");
        assertThat(fake.isClosed()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void repsToOverOwnEngine(@TempDir Path stateDirectory) {
        UUID partnerDsaGuid = UUID.fromString("5fef3270-3934-46f3-8b63-b5fc9c55f981");
        Instant lastAttempt = Instant.parse("2024-11-11T22:00:00Z");

        ClassRepository schema = MofCompiler.loadShippedSchema(); // ReplProv_RepsTo is in it
        StateStore state = StateStore.open(stateDirectory);
        InMemoryRepsToStore repsTo = InMemoryRepsToStore.writingThrough(state); // values survive restarts
        RepsToProvider provider = RepsToProvider.builder().schema(schema).source(repsTo).build();
        ObjectManager om = ObjectManager.builder(schema)
                .register(RepsToSchema.NAMESPACE, RepsToSchema.CLASS, provider).build();

        repsTo.put(new RepsToEntry("DC=example,DC=com", new RepsTo("dc2.example.com", partnerDsaGuid,
                ReplicaFlags.of(ReplicaFlags.Flag.DRS_WRIT_REP), Win32Error.RPC_S_SERVER_UNAVAILABLE, 3,
                DsTime.of(lastAttempt), DsTime.NEVER)));
        for (ResultRow row : om.execQuery(RepsToSchema.NAMESPACE,
                "SELECT NaDsa, ResultLastAttemptName FROM ReplProv_RepsTo WHERE ConsecutiveFailures > 0")) {
            System.out.println(row.instance().value("NaDsa").text() + " "
                    + row.instance().value("ResultLastAttemptName").text()); // dc2.example.com RPC_S_SERVER_UNAVAILABLE
        }
        om.close();
        state.close();

        assertThat(lines()).containsExactly("dc2.example.com RPC_S_SERVER_UNAVAILABLE");
        try (StateStore reopened = StateStore.open(stateDirectory)) {
            assertThat(InMemoryRepsToStore.writingThrough(reopened).repsTo()).hasSize(1);
        }
    }

    @Test
    void engineByType(@TempDir Path stateDirectory) {
        try (SystemScheduler timer = new SystemScheduler("engine-timer")) {
            ConfigNode settings = YamlReader.read("engine.yaml", "{}");
            ReplicationEngine engine = EngineLoader.fromClassPath().create(new EngineContext("demo", "fake", settings,
                    stateDirectory.resolve("engines/demo"), timer, null));
            assertThat(engine).isInstanceOf(FakeEngine.class);
        }
    }

    @Test
    void everyCodeBlockOfTheDocIsRunHere() throws IOException {
        String doc = Files.readString(Path.of("docs/embedding.md"));
        String test = squash(Files.readString(Path.of("src/test/java/org/replprov/embedding/EmbeddingTest.java")));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSize(8).allSatisfy(b -> assertThat(test).contains(squash(b)));
    }

    private static String squash(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
