package org.replprov.providers.dfsr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.config.ConfigNode;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.EngineException;
import org.replprov.engines.sambaad.SambaAdEngineProvider;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;
import org.replprov.state.StateStore;
import org.replprov.time.SystemScheduler;
import org.replprov.wql.ResultRow;

/**
 * DfsrConnectionInfo over a samba-ad engine with its own state directory, as a daemon runs it: the provider keeps
 * overrides in its state database, the engine its Stop Sync book in the instance's directory. Used in-process and as
 * the child JVM that {@link SambaStopSyncKillTest} kills; {@code main(dir)} reads the engine settings from
 * {@code dir/settings.json}, sets a one-minute Stop Sync on the inbound connection, prints {@code STOPPED <end>} and
 * waits to be killed.
 */
public final class SambaStopSync implements AutoCloseable {

    static final String NS = "root/MicrosoftDfs";

    final SystemScheduler scheduler = new SystemScheduler("stop-sync");
    final EngineHost host;
    final StateStore state;
    final DfsrConnectionInfoProvider provider;
    final ObjectManager om;

    SambaStopSync(Path dir) throws IOException, EngineException {
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = new ObjectMapper().readValue(dir.resolve("settings.json").toFile(), Map.class);
        Path engineState = Files.createDirectories(dir.resolve("engines/dc1"));
        var engine = new SambaAdEngineProvider().create(new EngineContext("dc1", "samba-ad",
                ConfigNode.of("test", "engines.dc1", settings), engineState, scheduler, null));
        host = EngineHost.builder().engine("dc1", "samba-ad", engine).timeout(Duration.ofSeconds(90)).build();
        state = StateStore.open(dir);
        ClassRepository schema = MofCompiler.loadShippedSchema();
        provider = DfsrConnectionInfoProvider.builder().schema(schema).engines(host).stateStore(state)
                .scheduler(scheduler).build();
        om = ObjectManager.builder(schema).register(NS, DfsrSchema.CLASS, provider).build();
        host.start();
    }

    /** The inbound connection, once the engine reported it. */
    CimInstance inbound() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<ResultRow> rows = om.execQuery(NS, "SELECT * FROM DfsrConnectionInfo WHERE Inbound = TRUE");
            if (!rows.isEmpty()) {
                return rows.get(0).instance();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no inbound connection reported");
            }
            Thread.sleep(50);
        }
    }

    long stopSync(CimInstance connection, int minutes) {
        var r = om.invokeMethod(NS, connection.path(), DfsrSchema.FORCE_REPLICATION, Map.of(DfsrSchema.MODE,
                CimValue.uint32(3), DfsrSchema.DURATION_IN_MIN, CimValue.uint32(minutes), DfsrSchema.BANDWIDTH,
                CimValue.uint32(0xF)));
        return ((CimValue.Int) r.returnValue()).value();
    }

    @Override
    public void close() {
        om.close();
        provider.close();
        host.close();
        state.close();
        scheduler.close();
    }

    public static void main(String[] args) throws Exception {
        SambaStopSync s = new SambaStopSync(Path.of(args[0]));
        CimInstance in = s.inbound();
        long code = s.stopSync(in, 1);
        if (code != 0) {
            System.out.println("FAILED " + code);
            System.exit(1);
        }
        var connection = org.replprov.cim.Guids.parse(in.value("ConnectionGuid").text()).orElseThrow();
        System.out.println("STOPPED " + s.provider.overrides(connection).get(0).end());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
