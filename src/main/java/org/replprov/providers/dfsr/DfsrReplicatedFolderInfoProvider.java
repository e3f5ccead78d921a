package org.replprov.providers.dfsr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.cim.WbemStatus;
import org.replprov.engine.EngineEvents;
import org.replprov.engine.EngineHost;
import org.replprov.engine.TimedEngine;
import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.BacklogSource;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ScopeState;
import org.replprov.log.LogSafe;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.MethodProvider;
import org.replprov.provider.spi.MethodResult;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.repository.ClassRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DfsrReplicatedFolderInfo: one instance per replicated folder the local member hosts, from the engines' facts — the
 * folders their links carry ({@link Link#scopes()}) and the states they report ({@link ScopeState}) — and the backlog
 * methods, which ask the engine that hosts the folder ({@link BacklogSource}). The state is derived in
 * {@link FolderState}. It also keeps the engines' {@link Backlog} facts for the metric
 * {@code replprov_dfsr_backlog_files}.
 *
 * <p>A folder is one instance even when two engine instances report it (its GUID is the key): the first engine that
 * reported it owns it until it forgets it; the other's facts about it are logged and ignored. An engine that watches
 * several members which host one folder reports each member's under a GUID of its own (the windows-dfsr engine:
 * docs/engines.md), so that each is an instance with its member's values.
 */
public final class DfsrReplicatedFolderInfoProvider implements InstanceProvider, MethodProvider, EngineEvents {

    private static final Logger log = LoggerFactory.getLogger(DfsrReplicatedFolderInfoProvider.class);

    public static final String NAME = "dfsr-replicated-folders";
    public static final CimName CLASS = CimName.of("DfsrReplicatedFolderInfo");

    /** Megabytes as DFSR counts them (CurrentStageSizeInMb): 2^20 bytes. */
    private static final long MB = 1 << 20;

    /** What is known of one folder. Guarded by the provider. */
    private static final class Folder {
        final String engine;
        final UUID guid;
        String name;
        UUID groupGuid;
        String groupName;
        UUID memberGuid;
        String memberName;
        final Set<UUID> links = new LinkedHashSet<>();
        ScopeState state;
        boolean engineFailed;

        Folder(String engine, UUID guid, String name, UUID groupGuid) {
            this.engine = engine;
            this.guid = guid;
            this.name = name;
            this.groupGuid = groupGuid;
        }
    }

    /** A link's labels for the backlog metric. */
    private record LinkLabels(String member, String partner, String group, boolean inbound, List<Scope> scopes) {
    }

    /**
     * One series of {@code replprov_dfsr_backlog_files}; {@code member} tells apart the links of two members of one
     * engine that have the same partner.
     */
    public record BacklogSample(String group, String folder, String member, String partner, String direction,
                                long files) {
    }

    private final EngineHost engines;
    /** The class of the embedded instances GetOutboundBacklogFileIdRecords answers with. */
    private final CimClass idRecordClass;
    private final Map<UUID, Folder> folders = new LinkedHashMap<>();
    private final Map<UUID, LinkLabels> links = new HashMap<>();
    /** Backlog facts by connection, then folder. */
    private final Map<UUID, Map<UUID, Backlog>> backlogs = new HashMap<>();

    /** @param schema the schema that declares DfsrIdRecordInfo, the class of the backlog's embedded records */
    public DfsrReplicatedFolderInfoProvider(EngineHost engines, ClassRepository schema) {
        this.engines = Objects.requireNonNull(engines, "engines");
        this.idRecordClass = schema.requireClass(DfsrSchema.NAMESPACE, DfsrIdRecordInfoProvider.CLASS);
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- facts ----------------------------------------------------------------------------------------------

    @Override
    public synchronized void observed(String engine, Observation fact) {
        if (fact instanceof Link l) {
            links.put(l.connectionGuid(), new LinkLabels(l.memberName(), l.partnerName(), l.replicationGroupName(),
                    l.inbound(), l.scopes()));
            // A folder the link no longer carries (an engine may report a folder under another key) loses the link
            // and its backlog over it.
            Set<UUID> carried = new HashSet<>();
            l.scopes().forEach(s -> carried.add(s.guid()));
            folders.values().removeIf(f -> f.engine.equals(engine) && !carried.contains(f.guid)
                    && f.links.remove(l.connectionGuid()) && f.links.isEmpty() && f.state == null);
            Map<UUID, Backlog> counted = backlogs.get(l.connectionGuid());
            if (counted != null) {
                counted.keySet().retainAll(carried);
            }
            for (Scope s : l.scopes()) {
                if (s.kind() != Scope.Kind.REPLICATED_FOLDER) {
                    continue;
                }
                Folder f = folder(engine, s, l.replicationGroupGuid());
                if (f != null) {
                    f.links.add(l.connectionGuid());
                    f.name = s.name();
                    f.groupName = l.replicationGroupName();
                    f.memberGuid = l.memberGuid();
                    f.memberName = l.memberName();
                }
            }
        } else if (fact instanceof LinkRemoved r) {
            links.remove(r.connectionGuid());
            backlogs.remove(r.connectionGuid());
            folders.values().removeIf(f -> f.links.remove(r.connectionGuid()) && f.links.isEmpty()
                    && f.state == null);
        } else if (fact instanceof ScopeState s) {
            if (s.scope().kind() != Scope.Kind.REPLICATED_FOLDER) {
                return; // a naming context is not a replicated folder (docs/dfsr-classes.md)
            }
            Folder f = folder(engine, s.scope(), s.replicationGroupGuid());
            if (f != null) {
                f.state = s;
                f.engineFailed = false;
                f.name = s.scope().name();
                f.groupGuid = s.replicationGroupGuid();
                if (s.local() != null) {
                    f.memberGuid = s.local().memberGuid();
                    f.memberName = s.local().memberName();
                    f.groupName = s.local().replicationGroupName();
                }
            }
        } else if (fact instanceof Backlog b) {
            backlogs.computeIfAbsent(b.connectionGuid(), c -> new HashMap<>()).put(b.scopeGuid(), b);
        }
        // LinkHealth is the connection provider's business.
    }

    /** The folder {@code engine} reports, made on first sight; null when another engine owns the GUID. */
    private Folder folder(String engine, Scope scope, UUID group) {
        Folder f = folders.computeIfAbsent(scope.guid(), g -> new Folder(engine, g, scope.name(), group));
        if (!f.engine.equals(engine)) {
            log.warn("Engine '{}' reports replicated folder {} ({}), which engine '{}' reports already; ignored",
                    engine, Guids.format(scope.guid()), LogSafe.of(scope.name()), f.engine);
            return null;
        }
        return f;
    }

    @Override
    public synchronized void engineFailed(String engine, String why) {
        folders.values().stream().filter(f -> f.engine.equals(engine)).forEach(f -> f.engineFailed = true);
    }

    /** The backlog facts, one per link and folder, labelled for {@code replprov_dfsr_backlog_files}. */
    public synchronized List<BacklogSample> backlogSamples() {
        List<BacklogSample> out = new ArrayList<>();
        backlogs.forEach((connection, perFolder) -> {
            LinkLabels l = links.get(connection);
            if (l == null) {
                return; // reported before its link: labels unknown, nothing to show yet
            }
            perFolder.forEach((folder, b) -> out.add(new BacklogSample(l.group(),
                    l.scopes().stream().filter(s -> s.guid().equals(folder)).map(Scope::name).findFirst()
                            .orElse(Guids.format(folder)), l.member(), l.partner(),
                    l.inbound() ? "inbound" : "outbound", b.items())));
        });
        out.sort(Comparator.comparing(BacklogSample::group).thenComparing(BacklogSample::folder)
                .thenComparing(BacklogSample::member).thenComparing(BacklogSample::partner)
                .thenComparing(BacklogSample::direction));
        return out;
    }

    // ---- instances ------------------------------------------------------------------------------------------

    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
        List<CimInstance> all = new ArrayList<>();
        synchronized (this) {
            folders.values().forEach(f -> all.add(instance(cimClass, f)));
        }
        all.forEach(out::accept);
    }

    @Override
    public Optional<CimInstance> getInstance(ProviderContext ctx, CimClass cimClass, CimObjectPath path) {
        return folderOf(path).map(f -> {
            synchronized (this) {
                return instance(cimClass, f);
            }
        });
    }

    private synchronized Optional<Folder> folderOf(CimObjectPath path) {
        return path.key(CimName.of("ReplicatedFolderGuid")).flatMap(v -> Guids.parse(v.text())).map(folders::get);
    }

    private static CimInstance instance(CimClass cimClass, Folder f) {
        FolderState derived = FolderState.of(f.state, f.engineFailed);
        ScopeState.Sizes sizes = f.state == null ? null : f.state.sizes();
        return CimInstance.builder(cimClass)
                .set(CimName.of("ReplicatedFolderGuid"), CimValue.string(Guids.format(f.guid)))
                .set(CimName.of("ReplicatedFolderName"), CimValue.string(f.name))
                .set(CimName.of("ReplicationGroupGuid"), CimValue.string(Guids.format(f.groupGuid)))
                .set(CimName.of("ReplicationGroupName"), f.groupName == null ? null : CimValue.string(f.groupName))
                .set(CimName.of("MemberGuid"), f.memberGuid == null ? null : CimValue.string(Guids.format(f.memberGuid)))
                .set(CimName.of("MemberName"), f.memberName == null ? null : CimValue.string(f.memberName))
                .set(CimName.of("CurrentStageSizeInMb"), sizes == null ? null : megabytes(sizes.stagingBytes()))
                .set(CimName.of("CurrentConflictSizeInMb"), sizes == null ? null : megabytes(sizes.conflictBytes()))
                .set(CimName.of("LastConflictCleanupTime"), sizes == null || sizes.lastConflictCleanup() == null
                        ? null : CimTimestamp.of(sizes.lastConflictCleanup()))
                .set(CimName.of("State"), derived.state() == null ? null : CimValue.uint8(derived.state()))
                .set(CimName.of("LastErrorCode"), derived.lastErrorCode() == null ? null
                        : CimValue.uint32(derived.lastErrorCode()))
                .set(CimName.of("LastErrorMessageId"), derived.lastErrorMessageId() == null ? null
                        : CimValue.uint32(derived.lastErrorMessageId()))
                .build();
    }

    /** Whole megabytes, rounded up so that a non-empty folder never reads 0; at most uint32's maximum. */
    private static CimValue megabytes(long bytes) {
        return CimValue.uint32(Math.min(0xFFFF_FFFFL, (bytes + MB - 1) / MB));
    }

    // ---- methods --------------------------------------------------------------------------------------------

    @Override
    public MethodResult invokeMethod(ProviderContext ctx, CimClass cimClass, CimObjectPath path, CimMethod method,
                                     Map<CimName, CimValue> in) {
        Folder f = folderOf(path).orElseThrow(() -> new CimException(WbemStatus.WBEM_E_NOT_FOUND,
                "no replicated folder " + path));
        String m = method.name().toString();
        if (m.equalsIgnoreCase("GetVersionVector")) {
            return call(f, e -> {
                String vector = e.versionVector(f.guid);
                return new MethodResult(CimValue.uint32(0), Map.of(CimName.of("VersionVector"),
                        CimValue.string(vector)));
            });
        }
        if (m.equalsIgnoreCase("GetOutboundBacklogFileCount")) {
            String vector = vector(f, m, in);
            if (vector == null) {
                return MethodResult.of(CimValue.uint32(ReturnCode.ERROR_INVALID_PARAMETER.code()));
            }
            return call(f, e -> {
                long count = e.outboundBacklog(f.guid, vector);
                return new MethodResult(CimValue.uint32(0), Map.of(CimName.of("BacklogFileCount"),
                        CimValue.uint32(Math.min(0xFFFF_FFFFL, count))));
            });
        }
        if (m.equalsIgnoreCase("GetOutboundBacklogFileIdRecords")) {
            String vector = vector(f, m, in);
            if (vector == null) {
                return MethodResult.of(CimValue.uint32(ReturnCode.ERROR_INVALID_PARAMETER.code()));
            }
            return call(f, e -> backlogRecords(e.outboundBacklogRecords(f.guid, vector,
                    BacklogSource.MAX_BACKLOG_ID_RECORDS)));
        }
        if (m.equalsIgnoreCase("CleanupConflictDirectory")) {
            return call(f, e -> {
                e.cleanupConflictDirectory(f.guid);
                return MethodResult.of(CimValue.uint32(0));
            });
        }
        // Fence: no engine carries it out (the embedded engine mirrors one way and keeps no fence).
        return MethodResult.of(CimValue.uint32(ReturnCode.ERROR_NOT_SUPPORTED.code()));
    }

    /** The method's VersionVector; null, logged, when it is empty or longer than any engine's (87). */
    private static String vector(Folder f, String method, Map<CimName, CimValue> in) {
        CimValue v = in.get(CimName.of("VersionVector"));
        String vector = v == null ? null : v.text();
        if (vector == null || vector.isEmpty() || vector.length() > BacklogSource.MAX_VERSION_VECTOR_CHARS) {
            log.info("Refused {} on {}: a version vector of {} characters", method, Guids.format(f.guid),
                    vector == null ? 0 : vector.length());
            return null;
        }
        return vector;
    }

    /**
     * GetOutboundBacklogFileIdRecords' answer: the records as embedded DfsrIdRecordInfo instances (the parameter is
     * a string array qualified EmbeddedInstance("DfsrIdRecordInfo"), mof/dfsr.mof), and IdRecordIndex, the position
     * in the backlog of the last record given (docs/dfsr-provider.md §10.5).
     */
    private MethodResult backlogRecords(IdRecordSource.Page page) {
        List<CimValue> records = page.records().stream()
                .<CimValue>map(r -> new CimValue.Embedded(DfsrIdRecordInfoProvider.instance(idRecordClass, r)))
                .toList();
        Map<CimName, CimValue> out = new LinkedHashMap<>();
        out.put(CimName.of("BacklogIdRecords"), new CimValue.Array(CimDataType.STRING, records));
        out.put(CimName.of("IdRecordIndex"), CimValue.uint32(records.size()));
        if (page.more()) {
            log.info("GetOutboundBacklogFileIdRecords answers the first {} records of a longer backlog",
                    records.size());
        }
        return new MethodResult(CimValue.uint32(0), out);
    }

    @FunctionalInterface
    private interface EngineCall {
        MethodResult run(TimedEngine engine) throws EngineException;
    }

    /** Runs one engine call; a failure is the ReturnValue docs/dfsr-provider.md lists for it. */
    private MethodResult call(Folder f, EngineCall call) {
        Optional<TimedEngine> engine = engines.engine(f.engine);
        if (engine.isEmpty()) {
            return MethodResult.of(CimValue.uint32(ReturnCode.ERROR_SERVICE_NOT_ACTIVE.code()));
        }
        try {
            return call.run(engine.get());
        } catch (EngineException e) {
            int code = switch (e.kind()) {
                case REFUSED -> e.returnCode().orElseThrow();
                case TIMED_OUT -> ReturnCode.ERROR_TIMEOUT.code();
                case FAILED -> ReturnCode.ERROR_SERVICE_NOT_ACTIVE.code();
            };
            log.info("Engine '{}' answered {} for replicated folder {}: {}", f.engine, code, Guids.format(f.guid),
                    LogSafe.of(e.getMessage()));
            return MethodResult.of(CimValue.uint32(code));
        }
    }
}
