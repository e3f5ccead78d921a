package org.replprov.providers.dfsr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.replprov.cim.Guids;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.config.ConfigurationException;
import org.replprov.engine.EngineEvents;
import org.replprov.engine.EngineHost;
import org.replprov.engine.EngineStatus;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.engine.spi.SyncResults;
import org.replprov.provider.spi.Indication;
import org.replprov.provider.spi.IndicationProvider;
import org.replprov.provider.spi.IndicationSink;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.MethodProvider;
import org.replprov.provider.spi.MethodResult;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.repository.ClassRepository;
import org.replprov.state.StateStore;
import org.replprov.time.Scheduler;
import org.replprov.time.SystemScheduler;
import org.replprov.wql.CompiledQuery;
import org.replprov.wql.InstanceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DfsrConnectionInfo provider: instances, methods and intrinsic events for the links the engines of an
 * {@link EngineHost} report. Built by {@link Builder#build()}, which restores the saved connections and subscribes to
 * the host (start the host afterwards); register it with an object manager for {@link DfsrSchema#CLASS} in
 * {@link DfsrSchema#NAMESPACE}.
 *
 * <p>Queries read the connections held in memory and never wait for an engine. The states are derived from the
 * engines' facts ({@link StateDerivation}); an engine that fails, or whose call times out, puts its connections In
 * Error (docs/dfsr-provider.md).
 */
public final class DfsrConnectionInfoProvider implements InstanceProvider, MethodProvider, IndicationProvider,
        EngineEvents {

    private static final Logger log = LoggerFactory.getLogger(DfsrConnectionInfoProvider.class);

    public static final String NAME = "dfsr";

    /** The DFSR default: an outbound connection idle this long is treated as lost (DfsrConnectionInfo Remarks). */
    public static final Duration DEFAULT_OUTBOUND_IDLE_TIME = Duration.ofHours(12);

    /** Idle on-demand connections are looked for at most this often. */
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final CimClass cimClass;
    private final EngineHost engines;
    private final Scheduler scheduler;
    private final AutoCloseable ownedScheduler;
    private final Duration outboundIdleTime;
    private final ConnectionInstances instances = new ConnectionInstances();
    private final Connections connections;
    private final Overrides overrides;
    private final ConnectionMethods methods;

    /** The connections as query tables; made on the first query or enumeration. */
    private volatile ConnectionTable table;
    private final Object tableLock = new Object();
    private volatile Events events;
    private final Object sweepLock = new Object();
    private Scheduler.Cancellable sweep;
    private Instant sweepAt;
    private Instant lastSweep = Instant.MIN;

    /** Where change events go while indications are enabled. */
    private record Events(CimClass cimClass, IndicationSink sink) {
    }

    private DfsrConnectionInfoProvider(Builder b) {
        this.cimClass = b.cimClass;
        this.engines = b.engines;
        DfsrTables store = new DfsrTables(b.store != null ? b.store : StateStore.inMemory());
        SystemScheduler own = b.scheduler == null ? new SystemScheduler("dfsr-provider-timer") : null;
        this.scheduler = own != null ? own : b.scheduler;
        this.ownedScheduler = own;
        this.outboundIdleTime = b.outboundIdleTime;
        this.connections = new Connections(store, scheduler, this::changed);
        this.overrides = new Overrides(store, scheduler, this::overrideEnded);
        this.methods = new ConnectionMethods(engines, overrides, scheduler);
    }

    public static Builder builder() {
        return new Builder();
    }

    private void start() {
        connections.restore();
        overrides.restore();
        planSweep();
        engines.subscribe(this);
    }

    /** Every engine's health, in configuration order. */
    public List<EngineStatus> engineStatus() {
        return engines.status();
    }

    /**
     * Refuses to answer from the connections while no engine runs: an empty or stale answer would read as "no
     * connections" or "all is well", where the truth is that nothing replicates. While some run, the answer holds
     * theirs, and the connections a failed engine had before the restart In Error (saved with its name).
     */
    private void requireEnginesUp() {
        if (engines.noneRunning()) {
            List<EngineStatus> all = engines.status();
            EngineStatus e = all.get(0);
            throw new CimException(WbemStatus.WBEM_E_NOT_AVAILABLE, "engine '" + e.engine()
                    + "' did not start: " + e.failure().orElse("")
                    + (all.size() > 1 ? " (and " + (all.size() - 1) + " more engine(s) are down)" : ""));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- instances --------------------------------------------------------------------------------------------

    /** Every connection's instance, from the query tables, which keep the instances they have built. */
    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass requested, InstanceSink out) {
        requireEnginesUp();
        for (InstanceTable t : table(requested).tables()) {
            for (int row = 0; row < t.size(); row++) {
                out.accept(t.instance(row));
            }
        }
    }

    /**
     * The instances that match {@code query}: the query scans the columns of the connection tables and only the
     * matching rows' instances are built (or taken from those the tables keep).
     */
    @Override
    public void queryInstances(ProviderContext ctx, CimClass requested, CompiledQuery query, InstanceSink out) {
        requireEnginesUp();
        for (InstanceTable t : table(requested).tables()) {
            query.select(t, out::accept);
        }
    }

    /** The tables for instances of {@code requested}: one class in practice, so a new one replaces the last. */
    private ConnectionTable table(CimClass requested) {
        ConnectionTable t = table;
        if (t == null || t.cimClass() != requested) {
            synchronized (tableLock) {
                t = table;
                if (t == null || t.cimClass() != requested) {
                    t = new ConnectionTable(requested, instances, connections);
                    table = t;
                }
            }
        }
        return t;
    }

    @Override
    public Optional<CimInstance> getInstance(ProviderContext ctx, CimClass requested, CimObjectPath path) {
        requireEnginesUp();
        return connection(path).map(c -> instances.build(requested, c));
    }

    private Optional<Connection> connection(CimObjectPath path) {
        return path.key(DfsrSchema.CONNECTION_GUID).flatMap(v -> Guids.parse(v.text())).flatMap(connections::get);
    }

    /** The engine instance that reports the connection with this ConnectionGuid (as the instance shows it). */
    public Optional<String> engineOf(String connectionGuid) {
        return Guids.parse(connectionGuid).flatMap(connections::get).map(Connection::engine);
    }

    /** How many connections the provider holds. */
    public int connectionCount() {
        return connections.size();
    }

    /** The overrides active on a connection (DfsrSyncInfo would show them as ForceReplication* properties). */
    public List<ScheduleOverride> overrides(UUID connectionGuid) {
        return overrides.of(connectionGuid);
    }

    // ---- methods ----------------------------------------------------------------------------------------------

    @Override
    public MethodResult invokeMethod(ProviderContext ctx, CimClass requested, CimObjectPath path, CimMethod method,
                                     Map<CimName, CimValue> in) {
        requireEnginesUp();
        Connection c = connection(path).orElseThrow(() -> new CimException(WbemStatus.WBEM_E_NOT_FOUND,
                "no DfsrConnectionInfo instance " + path));
        CimName m = method.name();
        int code;
        if (m.equals(DfsrSchema.CHECK_CONNECTIVITY)) {
            code = methods.checkConnectivity(c);
        } else if (m.equals(DfsrSchema.FORCE_REPLICATION)) {
            code = methods.forceReplication(c, number(in, DfsrSchema.MODE), number(in, DfsrSchema.DURATION_IN_MIN),
                    number(in, DfsrSchema.BANDWIDTH));
        } else if (m.equals(DfsrSchema.FORCE_FOLDER_REPLICATION)) {
            code = methods.forceFolderReplication(c, number(in, DfsrSchema.DURATION_IN_MIN),
                    number(in, DfsrSchema.BANDWIDTH), in.get(DfsrSchema.REPLICATED_FOLDER_GUID).text());
        } else if (m.equals(DfsrSchema.FORCE_DOWNLOAD)) {
            code = methods.forceDownload(c, in.get(DfsrSchema.REPLICATED_FOLDER_GUID).text(),
                    in.get(DfsrSchema.UID).text());
        } else {
            throw new CimException(WbemStatus.WBEM_E_INVALID_METHOD, "DfsrConnectionInfo has no method " + m, m);
        }
        log.info("{}.{} on connection {} returned {}", DfsrSchema.CLASS, m, Guids.format(c.guid()), code);
        if (m.equals(DfsrSchema.FORCE_REPLICATION) && code == ReturnCode.MONITOR_STATUS_SUCCESS.code()) {
            // A Stop Sync override set or ended moves NextSyncTime (see stopSyncEnd).
            stopSyncEnd(c.guid()).ifPresent(end -> connections.nextSyncTime(c.guid(), end));
        }
        return MethodResult.of(CimValue.uint32(code));
    }

    /** A uint32 parameter, already typed by the object manager. */
    private static long number(Map<CimName, CimValue> in, CimName parameter) {
        return ((CimValue.Int) in.get(parameter)).value();
    }

    // ---- indications ------------------------------------------------------------------------------------------

    @Override
    public void enableIndications(ProviderContext ctx, CimClass requested, IndicationSink sink) {
        events = new Events(requested, sink);
    }

    @Override
    public void disableIndications(ProviderContext ctx, CimClass requested) {
        events = null;
    }

    /** Called under the connections' lock, so events leave in the order the changes happened. */
    private void changed(Connection before, Connection after) {
        ConnectionTable t = table;
        if (t != null) {
            t.changed((after != null ? after : before).guid());
        }
        if (after == null) {
            overrides.dropConnection(before.guid());
            methods.forget(before.guid());
        } else if (before == null && after.link().onDemand()) {
            planSweep(after.lastActivity());
        }
        Events e = events;
        if (e == null) {
            return;
        }
        Instant now = scheduler.now();
        if (before == null) {
            e.sink().deliver(Indication.created(instances.build(e.cimClass(), after), now));
        } else if (after == null) {
            e.sink().deliver(Indication.deleted(instances.build(e.cimClass(), before), now));
        } else {
            CimInstance previous = instances.build(e.cimClass(), before);
            CimInstance target = instances.build(e.cimClass(), after);
            if (!previous.equals(target)) {
                e.sink().deliver(Indication.modified(previous, target, now));
            }
        }
    }

    /**
     * Under a Stop Sync override of the whole connection (ForceReplication Mode 3) the next sync can happen only when
     * the override ends: NextSyncTime says so, whatever the engine's schedule says.
     */
    private Optional<Instant> stopSyncEnd(UUID connection) {
        return overrides.of(connection).stream()
                .filter(o -> o.replicatedFolderGuid() == null && o.mode() == ReplicationMode.STOP_SYNC)
                .map(ScheduleOverride::end).findFirst();
    }

    private LinkHealth withOverride(LinkHealth h) {
        return stopSyncEnd(h.connectionGuid()).map(end -> h.withSync(new SyncResults(h.sync().lastSyncTime(),
                h.sync().lastSyncDuration(), h.sync().lastSuccessfulSyncTime(), end))).orElse(h);
    }

    // ---- engines ----------------------------------------------------------------------------------------------

    private void overrideEnded(ScheduleOverride o) {
        Optional<Connection> c = connections.get(o.connectionGuid());
        if (c.isPresent()) {
            methods.revert(c.get(), o);
        } else {
            overrides.revertLater(o);
        }
    }

    /** A fact from {@code engine}: links and their health; the other facts are for other classes. */
    @Override
    public void observed(String engine, Observation fact) {
        try {
            if (fact instanceof Link link) {
                resumeOverrides(connections.report(engine, link));
            } else if (fact instanceof LinkHealth health) {
                connections.health(engine, withOverride(health)).ifPresent(this::resumeOverrides);
            } else if (fact instanceof LinkRemoved removed) {
                connections.remove(engine, removed.connectionGuid());
            }
        } catch (RuntimeException e) {
            log.error("{} from engine '{}' failed", fact.getClass().getSimpleName(), engine, e);
        }
    }

    /** Overrides restored after a restart go to the engine again, or are reverted, once it reports the link. */
    private void resumeOverrides(Connection c) {
        Overrides.Pending pending = overrides.reported(c.guid(), c.sync());
        if (!pending.isEmpty()) {
            // Not on the engine's thread: the engine may be waiting for this call to return.
            scheduler.schedule(scheduler.now(), () -> {
                pending.resend().forEach(o -> methods.resend(c, o));
                pending.revert().forEach(o -> methods.revert(c, o));
            });
        }
    }

    @Override
    public void engineFailed(String engine, String why) {
        connections.engineFailed(engine, why);
    }

    // ---- idle expiry of on-demand links ---------------------------------------------------------------------------------

    /** Plans the next look for idle outbound connections from the oldest activity among them (a full scan). */
    private void planSweep() {
        connections.oldestOnDemandActivity().ifPresent(this::planSweep);
    }

    /**
     * Plans a look for idle outbound connections when {@code activity} is idle long enough, unless one is planned
     * earlier. A new outbound connection is the newest, so this needs no scan.
     */
    private void planSweep(Instant activity) {
        synchronized (sweepLock) {
            Instant due = activity.plus(outboundIdleTime);
            Instant notBefore = lastSweep.equals(Instant.MIN) ? due : lastSweep.plus(SWEEP_INTERVAL);
            Instant at = due.isAfter(notBefore) ? due : notBefore;
            if (sweepAt != null && !sweepAt.isAfter(at)) {
                return;
            }
            if (sweep != null) {
                sweep.cancel();
            }
            sweepAt = at;
            sweep = scheduler.schedule(at, this::sweep);
        }
    }

    private void sweep() {
        Instant now = scheduler.now();
        synchronized (sweepLock) {
            sweep = null;
            sweepAt = null;
            lastSweep = now;
        }
        List<Connection> expired = connections.expireOnDemand(now.minus(outboundIdleTime));
        if (!expired.isEmpty()) {
            log.info("{} outbound connection(s) idle for {} or more were removed", expired.size(), outboundIdleTime);
        }
        planSweep();
    }

    // ---- life cycle -------------------------------------------------------------------------------------------

    /**
     * Returns once every change made before the call is in the state database: connection rows are written behind
     * the changes ({@link ConnectionWriter}), which is what an embedding program that copies the database waits for.
     */
    public void flush() {
        connections.flush();
    }

    /**
     * Stops the timer it created and saves the changes not saved yet. The engines and the state database belong to
     * whoever made them: close the engines first and the database last.
     */
    @Override
    public void close() {
        synchronized (sweepLock) {
            if (sweep != null) {
                sweep.cancel();
            }
        }
        if (ownedScheduler != null) {
            try {
                ownedScheduler.close();
            } catch (Exception e) {
                log.warn("Closing the provider's timer failed", e);
            }
        }
        connections.close();
    }

    /** Builds a provider; {@link #build()} starts it. */
    public static final class Builder {
        private CimClass cimClass;
        private EngineHost engines;
        private StateStore store;
        private Scheduler scheduler;
        private Duration outboundIdleTime = DEFAULT_OUTBOUND_IDLE_TIME;

        private Builder() {
        }

        /** Takes DfsrConnectionInfo from {@code repository} (namespace {@value DfsrSchema#NAMESPACE}). */
        public Builder schema(ClassRepository repository) {
            return cimClass(repository.getClass(DfsrSchema.NAMESPACE, DfsrSchema.CLASS).orElseThrow(() ->
                    new ConfigurationException("the schema has no class " + DfsrSchema.CLASS + " in namespace "
                            + DfsrSchema.NAMESPACE)));
        }

        public Builder cimClass(CimClass c) {
            List<String> problems = DfsrSchema.check(c);
            if (!problems.isEmpty()) {
                throw new ConfigurationException("the DfsrConnectionInfo class does not fit the provider: "
                        + String.join("; ", problems));
            }
            this.cimClass = c;
            return this;
        }

        /** The engines whose links the provider shows; it subscribes to them. */
        public Builder engines(EngineHost host) {
            this.engines = host;
            return this;
        }

        /** The durable state (default: in memory only); whoever opened it closes it. */
        public Builder stateStore(StateStore s) {
            this.store = s;
            return this;
        }

        /** The clock and timer (default: the system clock and a timer thread of the provider's own). */
        public Builder scheduler(Scheduler s) {
            this.scheduler = s;
            return this;
        }

        public Builder outboundIdleTime(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new ConfigurationException("the outbound idle time must be positive: " + d);
            }
            this.outboundIdleTime = d;
            return this;
        }

        /** Restores the saved state, subscribes to the engines and returns the provider. */
        public DfsrConnectionInfoProvider build() {
            if (cimClass == null) {
                throw new ConfigurationException("no DfsrConnectionInfo class: call schema(...) first");
            }
            if (engines == null) {
                throw new ConfigurationException("no engines: call engines(...) first");
            }
            DfsrConnectionInfoProvider p = new DfsrConnectionInfoProvider(this);
            p.start();
            return p;
        }
    }
}
