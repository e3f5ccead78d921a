package org.replprov.providers.dfsr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.EngineEvents;
import org.replprov.engine.spi.Configuration;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkRemoved;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.Scope;
import org.replprov.engine.spi.ScopeState;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.ProviderContext;

/**
 * The DFSR configuration classes, read-only (docs/dfsr-classes.md, "The configuration classes"):
 * DfsrReplicationGroupConfig, DfsrLocalMemberConfig, DfsrReplicatedFolderConfig, DfsrConnectionConfig and the
 * singleton DfsrConfig. They are filled from the engines' {@link Configuration} facts, and where an engine reports
 * none, or a connection it learnt of at run time, from its {@link Link}s and {@link ScopeState}s: what an engine
 * replicates over is configured and enabled; what only the configuration knows (paths, schedules) is then NULL.
 *
 * <p>Writing (CreateInstance, ModifyInstance, DeleteInstance) answers WBEM_E_NOT_SUPPORTED before reaching a
 * provider: the configuration belongs to the engines' own configuration files.
 */
public final class DfsrConfigProvider implements InstanceProvider, EngineEvents {

    public static final String NAME = "dfsr-config";
    public static final CimName GROUP = CimName.of("DfsrReplicationGroupConfig");
    public static final CimName MEMBER = CimName.of("DfsrLocalMemberConfig");
    public static final CimName FOLDER = CimName.of("DfsrReplicatedFolderConfig");
    public static final CimName CONNECTION = CimName.of("DfsrConnectionConfig");
    public static final CimName CONFIG = CimName.of("DfsrConfig");
    public static final List<CimName> CLASSES = List.of(GROUP, MEMBER, FOLDER, CONNECTION, CONFIG);

    /** A fact and the engine instance that reported it. */
    private record From<T>(String engine, T fact) {
    }

    private final String version;
    /** A replication group on one member: one engine may watch several members of a group (windows-dfsr). */
    private record Membership(UUID group, UUID member) {
    }

    /** Configuration facts by group and member, in the order first reported. */
    private final Map<Membership, From<Configuration>> configurations = new LinkedHashMap<>();
    private final Map<UUID, From<Link>> links = new LinkedHashMap<>();
    private final Map<UUID, From<ScopeState>> scopes = new LinkedHashMap<>();

    /** @param version replprov's version: DfsrConfig.ProviderVersion and ServiceVersion */
    public DfsrConfigProvider(String version) {
        this.version = Objects.requireNonNull(version, "version");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void observed(String engine, Observation fact) {
        if (fact instanceof Configuration c) {
            configurations.put(new Membership(c.replicationGroupGuid(), c.memberGuid()), new From<>(engine, c));
        } else if (fact instanceof Link l) {
            links.put(l.connectionGuid(), new From<>(engine, l));
        } else if (fact instanceof LinkRemoved r) {
            links.remove(r.connectionGuid());
        } else if (fact instanceof ScopeState s && s.scope().kind() == Scope.Kind.REPLICATED_FOLDER) {
            scopes.put(s.scope().guid(), new From<>(engine, s));
        }
    }

    @Override
    public void engineFailed(String engine, String why) {
        // The configuration stays what it was: a failed engine is still configured.
    }

    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
        List<CimInstance> all = new ArrayList<>();
        synchronized (this) {
            CimName c = cimClass.name();
            Consumer<CimInstance.Builder> add = b -> all.add(b.build());
            if (c.equals(GROUP)) {
                groups(cimClass, add);
            } else if (c.equals(MEMBER)) {
                members(cimClass, add);
            } else if (c.equals(FOLDER)) {
                folders(cimClass, add);
            } else if (c.equals(CONNECTION)) {
                connections(cimClass, add);
            } else if (c.equals(CONFIG)) {
                all.add(CimInstance.builder(cimClass).set("ProviderVersion", CimValue.string(version))
                        .set("ServiceVersion", CimValue.string(version)).build());
            }
        }
        all.forEach(out::accept);
    }

    private void groups(CimClass cimClass, Consumer<CimInstance.Builder> out) {
        Map<UUID, String> names = new LinkedHashMap<>();
        configurations.values().forEach(c -> names.putIfAbsent(c.fact().replicationGroupGuid(),
                c.fact().replicationGroupName()));
        links.values().forEach(l -> names.putIfAbsent(l.fact().replicationGroupGuid(),
                l.fact().replicationGroupName()));
        scopes.values().forEach(s -> {
            ScopeState.Local local = s.fact().local();
            if (local != null) {
                names.putIfAbsent(s.fact().replicationGroupGuid(), local.replicationGroupName());
            }
        });
        names.forEach((guid, name) -> out.accept(CimInstance.builder(cimClass)
                .set("ReplicationGroupGuid", guid(guid))
                .set("ReplicationGroupName", CimValue.string(name))));
    }

    /** Who the member is in each group: DfsrLocalMemberConfig, keyed by the member's GUID. */
    private void members(CimClass cimClass, Consumer<CimInstance.Builder> out) {
        record Member(String name, UUID group) {
        }
        Map<UUID, Member> members = new LinkedHashMap<>();
        configurations.values().forEach(c -> members.putIfAbsent(c.fact().memberGuid(),
                new Member(c.fact().memberName(), c.fact().replicationGroupGuid())));
        links.values().forEach(l -> members.putIfAbsent(l.fact().memberGuid(),
                new Member(l.fact().memberName(), l.fact().replicationGroupGuid())));
        members.forEach((guid, m) -> out.accept(CimInstance.builder(cimClass)
                .set("MemberGuid", guid(guid))
                .set("MemberName", CimValue.string(m.name()))
                .set("ReplicationGroupGuid", guid(m.group()))));
    }

    private void folders(CimClass cimClass, Consumer<CimInstance.Builder> out) {
        Map<UUID, CimInstance.Builder> folders = new LinkedHashMap<>();
        for (From<Configuration> c : configurations.values()) {
            for (Configuration.Folder f : c.fact().folders()) {
                folders.putIfAbsent(f.guid(), CimInstance.builder(cimClass)
                        .set("ReplicatedFolderGuid", guid(f.guid()))
                        .set("ReplicatedFolderName", CimValue.string(f.name()))
                        .set("ReplicationGroupGuid", guid(c.fact().replicationGroupGuid()))
                        .set("MemberGuid", guid(c.fact().memberGuid()))
                        .set("RootPath", CimValue.string(f.rootPath()))
                        .set("StagingPath", f.stagingPath() == null ? null : CimValue.string(f.stagingPath()))
                        .set("ConflictPath", f.conflictPath() == null ? null : CimValue.string(f.conflictPath()))
                        .set("ReadOnly", CimValue.bool(f.readOnly()))
                        .set("Enabled", CimValue.bool(f.enabled())));
            }
        }
        for (From<ScopeState> s : scopes.values()) {
            ScopeState.Local local = s.fact().local();
            folders.computeIfAbsent(s.fact().scope().guid(), g -> scopeOnly(cimClass, s.fact().scope(),
                    s.fact().replicationGroupGuid(), local == null ? null : local.memberGuid()));
        }
        for (From<Link> l : links.values()) {
            for (Scope s : l.fact().scopes()) {
                if (s.kind() == Scope.Kind.REPLICATED_FOLDER) {
                    folders.computeIfAbsent(s.guid(), g -> scopeOnly(cimClass, s, l.fact().replicationGroupGuid(),
                            l.fact().memberGuid()));
                }
            }
        }
        folders.values().forEach(out);
    }

    /** A folder an engine replicates without reporting its configuration: it is enabled; paths are unknown. */
    private static CimInstance.Builder scopeOnly(CimClass cimClass, Scope scope, UUID group, UUID member) {
        return CimInstance.builder(cimClass)
                .set("ReplicatedFolderGuid", guid(scope.guid()))
                .set("ReplicatedFolderName", CimValue.string(scope.name()))
                .set("ReplicationGroupGuid", guid(group))
                .set("MemberGuid", member == null ? null : guid(member))
                .set("Enabled", CimValue.bool(true));
    }

    private void connections(CimClass cimClass, Consumer<CimInstance.Builder> out) {
        Map<UUID, CimInstance.Builder> connections = new LinkedHashMap<>();
        for (From<Configuration> c : configurations.values()) {
            for (Configuration.Connection k : c.fact().connections()) {
                Configuration.WeekSchedule s = k.schedule();
                connections.putIfAbsent(k.connectionGuid(), CimInstance.builder(cimClass)
                        .set("ConnectionGuid", guid(k.connectionGuid()))
                        .set("MemberGuid", guid(c.fact().memberGuid()))
                        .set("PartnerGuid", guid(k.partnerGuid()))
                        .set("PartnerName", CimValue.string(k.partnerName()))
                        .set("ReplicationGroupGuid", guid(c.fact().replicationGroupGuid()))
                        .set("Inbound", CimValue.bool(k.inbound()))
                        .set("Enabled", CimValue.bool(k.enabled()))
                        .set("ScheduleInUtc", s == null ? null : CimValue.bool(s.inUtc()))
                        .set("Schedule", s == null ? null : bytes(s.bytes())));
            }
        }
        for (From<Link> from : links.values()) {
            Link l = from.fact();
            connections.computeIfAbsent(l.connectionGuid(), g -> CimInstance.builder(cimClass)
                    .set("ConnectionGuid", guid(l.connectionGuid()))
                    .set("MemberGuid", guid(l.memberGuid()))
                    .set("PartnerGuid", guid(l.partnerGuid()))
                    .set("PartnerName", CimValue.string(l.partnerName()))
                    .set("ReplicationGroupGuid", guid(l.replicationGroupGuid()))
                    .set("Inbound", CimValue.bool(l.inbound()))
                    .set("Enabled", CimValue.bool(true)));
        }
        connections.values().forEach(out);
    }

    private static CimValue guid(UUID u) {
        return CimValue.string(Guids.format(u));
    }

    private static CimValue bytes(byte[] b) {
        List<CimValue> elements = new ArrayList<>(b.length);
        for (byte x : b) {
            elements.add(CimValue.uint8(x & 0xFF));
        }
        return new CimValue.Array(CimDataType.UINT8, elements);
    }
}
