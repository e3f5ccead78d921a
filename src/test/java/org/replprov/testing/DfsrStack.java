package org.replprov.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.replprov.engine.spi.ConnectionFailure;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.SyncResults;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.ad.RepsToProvider;
import org.replprov.providers.ad.RepsToSchema;
import org.replprov.providers.dfsr.DfsrConnectionInfoProvider;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.repository.ClassRepository;
import org.replprov.state.InMemoryRepsToStore;

/**
 * The real thing for client tests: the shipped schema, the DfsrConnectionInfo provider and the object manager, over
 * a {@link FakeEngine} the test drives. Starts with two connections: inbound connection 1 from BRANCH1, In Error
 * (CONNECTION_ERROR) after a sync an hour ago, and outbound connection 2 to BRANCH2, Online. The ReplProv_RepsTo
 * provider serves an in-memory repsTo store the test fills, as the daemon serves the one its engine fills.
 */
public final class DfsrStack implements AutoCloseable {

    public static final String NAMESPACE = DfsrSchema.NAMESPACE;

    private final FakeEngine engine;
    private final EngineHost host;
    private final DfsrConnectionInfoProvider provider;
    private final InMemoryRepsToStore repsTo;
    private final ObjectManager objectManager;

    private DfsrStack(FakeEngine engine, EngineHost host, DfsrConnectionInfoProvider provider,
                      InMemoryRepsToStore repsTo, ObjectManager objectManager) {
        this.engine = engine;
        this.host = host;
        this.provider = provider;
        this.repsTo = repsTo;
        this.objectManager = objectManager;
    }

    public static DfsrStack start() {
        return start(0);
    }

    /** The two connections above, and {@code more} inbound Online connections numbered from 100. */
    public static DfsrStack start(int more) {
        ClassRepository schema = MofCompiler.loadShippedSchema();
        FakeEngine engine = new FakeEngine(Clock.systemUTC());
        EngineHost host = EngineHost.builder().engine("fake", engine).build();
        DfsrConnectionInfoProvider provider = DfsrConnectionInfoProvider.builder().schema(schema)
                .engines(host).build();
        host.start();
        InMemoryRepsToStore repsTo = InMemoryRepsToStore.create();
        ObjectManager om = ObjectManager.builder(schema).register(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, provider)
                .register(RepsToSchema.NAMESPACE, RepsToSchema.CLASS,
                        RepsToProvider.builder().schema(schema).source(repsTo).build())
                .build();
        Instant now = Instant.now();
        engine.report(Links.inbound(1)).sync(Links.connection(1), new SyncResults(now.minus(Duration.ofMinutes(61)),
                Duration.ofSeconds(42), now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1))));
        engine.inError(Links.connection(1), ConnectionFailure.CONNECTION_ERROR);
        engine.report(Links.outbound(2));
        for (int n = 100; n < 100 + more; n++) {
            engine.report(Links.inbound(n)).online(Links.connection(n));
        }
        return new DfsrStack(engine, host, provider, repsTo, om);
    }

    /** A connection's GUID as DfsrConnectionInfo writes it: 36 upper-case characters. */
    public static String guid(int n) {
        return guid(Links.connection(n));
    }

    public static String guid(UUID u) {
        return u.toString().toUpperCase(Locale.ROOT);
    }

    /** The WMI path of connection {@code n}, relative to the namespace. */
    public static String path(int n) {
        return "DfsrConnectionInfo.ConnectionGuid=\"" + guid(n) + "\"";
    }

    public FakeEngine engine() {
        return engine;
    }

    public DfsrConnectionInfoProvider provider() {
        return provider;
    }

    /** The repsTo values ReplProv_RepsTo shows. */
    public InMemoryRepsToStore repsTo() {
        return repsTo;
    }

    public ObjectManager objectManager() {
        return objectManager;
    }

    @Override
    public void close() {
        host.close();
        objectManager.close();
    }
}
