package org.replprov.providers.msad;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.cim.WbemStatus;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.EngineHost;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.DirectoryState;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.MethodProvider;
import org.replprov.provider.spi.MethodResult;
import org.replprov.provider.spi.ProviderContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider of one MSAD class over {@link MsadState}. MSAD_ReplPendingOp has no instances: Samba keeps no queue
 * of replication operations that LDAP shows (its DRS service runs them at once), see docs/msad-classes.md.
 *
 * <p>MSAD_ReplNeighbor.SyncNamingContext pulls the neighbour's naming context from its source now (DsReplicaSync,
 * through the engine's ForceFolderReplication "Sync Now"), synchronously whatever {@code Options} says, and returns
 * 0 or the WERROR of the pull.
 */
final class MsadProvider implements InstanceProvider, MethodProvider {

    private static final Logger log = LoggerFactory.getLogger(MsadProvider.class);

    private final CimName className;
    private final MsadState state;
    private final EngineHost engines;

    MsadProvider(CimName className, MsadState state, EngineHost engines) {
        this.className = className;
        this.state = state;
        this.engines = engines;
    }

    @Override
    public String name() {
        return "msad:" + className;
    }

    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass c, InstanceSink out) {
        for (MsadState.Engine e : state.engines()) {
            DirectoryState s = e.state();
            if (className.equals(MsadSchema.NEIGHBOR)) {
                s.neighbors().forEach(n -> out.accept(MsadInstances.neighbor(c, n)));
            } else if (className.equals(MsadSchema.CURSOR)) {
                MsadInstances.cursors(c, s).forEach(out::accept);
            } else if (className.equals(MsadSchema.NAMING_CONTEXT)) {
                MsadInstances.namingContexts(c, s).forEach(out::accept);
            } else if (className.equals(MsadSchema.DOMAIN_CONTROLLER)) {
                out.accept(MsadInstances.domainController(c, s));
            }
        }
    }

    /** Keys compare as AD compares them: DNs and GUIDs ignoring case. */
    @Override
    public Optional<CimInstance> getInstance(ProviderContext ctx, CimClass c, CimObjectPath path) {
        CimInstance[] found = new CimInstance[1];
        enumerateInstances(ctx, c, i -> {
            if (found[0] == null && sameKeys(i.path(), path)) {
                found[0] = i;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    private static boolean sameKeys(CimObjectPath a, CimObjectPath b) {
        if (a.keys().size() != b.keys().size()) {
            return false;
        }
        for (CimObjectPath.Key k : a.keys()) {
            Optional<CimValue> other = b.key(k.name());
            if (other.isEmpty() || !normal(k.value().text()).equals(normal(other.get().text()))) {
                return false;
            }
        }
        return true;
    }

    private static String normal(String key) {
        return Guids.parse(key).map(MsadInstances::guid).orElse(key.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public MethodResult invokeMethod(ProviderContext ctx, CimClass c, CimObjectPath path, CimMethod method,
                                     Map<CimName, CimValue> in) {
        if (!className.equals(MsadSchema.NEIGHBOR) || !method.name().equals(MsadSchema.SYNC_NAMING_CONTEXT)) {
            throw new CimException(WbemStatus.WBEM_E_METHOD_NOT_IMPLEMENTED, className + "." + method.name()
                    + " is not implemented");
        }
        String nc = path.key(CimName.of("NamingContextDN")).map(CimValue::text).orElse("");
        Optional<UUID> source = path.key(CimName.of("SourceDsaObjGuid")).flatMap(v -> Guids.parse(v.text()));
        Map.Entry<DirectoryState.Neighbor, String> found = state.neighbors().entrySet().stream()
                .filter(e -> e.getKey().namingContext().name().equalsIgnoreCase(nc)
                        && source.isPresent() && e.getKey().source().objectGuid().equals(source.get()))
                .findFirst().orElseThrow(() -> new CimException(WbemStatus.WBEM_E_NOT_FOUND,
                        "no MSAD_ReplNeighbor instance " + path));
        DirectoryState.Neighbor n = found.getKey();
        long code = sync(found.getValue(), n);
        log.info("MSAD_ReplNeighbor.SyncNamingContext of {} from {} returned {}", nc, n.source().commonName(), code);
        return MethodResult.of(CimValue.uint32(code));
    }

    private long sync(String engineName, DirectoryState.Neighbor n) {
        Optional<? extends ReplicationEngine> engine = engines.engine(engineName);
        if (engine.isEmpty() || !engine.get().capabilities().contains(Capability.FORCE_FOLDER_REPLICATION)) {
            return EngineException.ERROR_NOT_SUPPORTED;
        }
        try {
            engine.get().forceFolderReplication(n.connectionGuid(), n.namingContext().guid(),
                    ReplicationMode.SYNC_NOW, BandwidthLevel.INFINITE);
            return 0;
        } catch (EngineException e) {
            if (e.returnCode().isPresent()) {
                return Integer.toUnsignedLong(e.returnCode().getAsInt());
            }
            log.warn("SyncNamingContext through engine {} failed: {}", engineName, e.getMessage());
            return e.kind() == EngineException.Kind.TIMED_OUT ? Win32Error.ERROR_TIMEOUT.code()
                    : Win32Error.ERROR_DS_DRA_GENERIC.code();
        }
    }
}
