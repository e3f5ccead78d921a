package org.replprov.providers.dfsr;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.cim.WbemStatus;
import org.replprov.engine.EngineHost;
import org.replprov.engine.EngineStatus;
import org.replprov.engine.TimedEngine;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.IdRecordQuery;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Uid;
import org.replprov.log.LogSafe;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.MethodProvider;
import org.replprov.provider.spi.MethodResult;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.wql.CompiledQuery;
import org.replprov.wql.ast.Literal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DfsrIdRecordInfo: the ID records of the engines that keep an ID table ({@link IdRecordSource}), looked up, never
 * listed whole. A query's equalities on {@code FileName}, {@code Uid} and {@code ReplicatedFolderGuid} (top-level AND
 * operands, {@link CompiledQuery#equalities()}) go to the engines, which answer from their indexes; the object
 * manager tests each instance against the whole WHERE clause. At most {@link #MAX_RECORDS} records are read for one
 * request, over all engines: a request whose pushed-down conditions leave more fails with WBEM_E_QUOTA_VIOLATION
 * rather than build more instances (docs/dfsr-provider.md §13). Engines without an ID table, and engines that are
 * down, have no records.
 */
public final class DfsrIdRecordInfoProvider implements InstanceProvider, MethodProvider {

    private static final Logger log = LoggerFactory.getLogger(DfsrIdRecordInfoProvider.class);

    public static final String NAME = "dfsr-id-records";
    public static final CimName CLASS = CimName.of("DfsrIdRecordInfo");

    /** The most records one request reads from the engines, and so the most instances it builds. */
    public static final int MAX_RECORDS = 10_000;

    /** Flags PRESENT_FLAG: this member holds the file or folder (DfsrIdRecordInfo.Flags, bit 0). */
    static final int PRESENT_FLAG = 0x1;
    /** Attributes: FILE_ATTRIBUTE_DIRECTORY and FILE_ATTRIBUTE_NORMAL (MS-FSCC §2.6). */
    static final long FILE_ATTRIBUTE_DIRECTORY = 0x10;
    static final long FILE_ATTRIBUTE_NORMAL = 0x80;

    private static final CimName FILE_NAME = CimName.of("FileName");
    private static final CimName UID = CimName.of("Uid");
    private static final CimName FOLDER = CimName.of("ReplicatedFolderGuid");

    private final EngineHost engines;

    public DfsrIdRecordInfoProvider(EngineHost engines) {
        this.engines = Objects.requireNonNull(engines, "engines");
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---- instances ------------------------------------------------------------------------------------------

    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
        find(cimClass, IdRecordQuery.ALL, out);
    }

    @Override
    public void queryInstances(ProviderContext ctx, CimClass cimClass, CompiledQuery query, InstanceSink out) {
        pushDown(query.equalities()).ifPresent(q -> find(cimClass, q, out));
    }

    @Override
    public Optional<CimInstance> getInstance(ProviderContext ctx, CimClass cimClass, CimObjectPath path) {
        return byPath(path).map(r -> instance(cimClass, r));
    }

    /**
     * The engine query for a WQL query's equalities; empty when one of them can match no record (a Uid or GUID that
     * is not one), so no engine need be asked.
     */
    static Optional<IdRecordQuery> pushDown(Map<CimName, Literal> equalities) {
        IdRecordQuery q = IdRecordQuery.ALL;
        if (equalities.get(FILE_NAME) instanceof Literal.Str s) {
            q = q.withFileName(s.value());
        }
        if (equalities.get(UID) instanceof Literal.Str s) {
            Optional<Uid> uid = Uid.parse(s.value());
            if (uid.isEmpty()) {
                return Optional.empty();
            }
            q = q.withUid(uid.get());
        }
        if (equalities.get(FOLDER) instanceof Literal.Str s) {
            Optional<UUID> guid = Guids.parse(s.value());
            if (guid.isEmpty()) {
                return Optional.empty();
            }
            q = q.withReplicatedFolderGuid(guid.get());
        }
        return Optional.of(q);
    }

    /** Sends the instances of the records {@code q} finds, reading at most {@link #MAX_RECORDS} of them. */
    private void find(CimClass cimClass, IdRecordQuery q, InstanceSink out) {
        int remaining = MAX_RECORDS;
        for (TimedEngine e : sources()) {
            IdRecordSource.Page page = call(e, q, Math.max(remaining, 1));
            if (page.more() || page.records().size() > remaining) {
                throw new CimException(WbemStatus.WBEM_E_QUOTA_VIOLATION, "DfsrIdRecordInfo: the query leaves more "
                        + "than " + MAX_RECORDS + " ID records to read; narrow it with FileName = '...', Uid = "
                        + "'...' or ReplicatedFolderGuid = '...' at the top level of its WHERE clause");
            }
            remaining -= page.records().size();
            for (IdRecordSource.Record r : page.records()) {
                out.accept(instance(cimClass, r));
            }
        }
    }

    /** The engines that keep ID tables and are up, in the host's order. */
    private List<TimedEngine> sources() {
        List<String> up = engines.status().stream().filter(EngineStatus::up).map(EngineStatus::engine).toList();
        return up.stream().map(engines::engine).flatMap(Optional::stream).filter(TimedEngine::servesIdRecords)
                .toList();
    }

    private static IdRecordSource.Page call(TimedEngine e, IdRecordQuery q, int limit) {
        try {
            return e.idRecords(q, limit);
        } catch (EngineException ex) {
            log.info("Engine '{}' could not look up ID records: {}", e.name(), LogSafe.of(ex.getMessage()));
            throw new CimException(ex.kind() == EngineException.Kind.TIMED_OUT ? WbemStatus.WBEM_E_TIMED_OUT
                    : WbemStatus.WBEM_E_FAILED, "engine '" + e.name() + "' could not look up ID records: "
                    + ex.getMessage());
        }
    }

    /** The record {@code path} names (its Uid key), from whichever engine has it. */
    private Optional<IdRecordSource.Record> byPath(CimObjectPath path) {
        Optional<Uid> uid = path.key(UID).flatMap(v -> Uid.parse(v.text()));
        if (uid.isEmpty()) {
            return Optional.empty();
        }
        for (TimedEngine e : sources()) {
            List<IdRecordSource.Record> found = call(e, IdRecordQuery.ALL.withUid(uid.get()), 1).records();
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        return Optional.empty();
    }

    static CimInstance instance(CimClass cimClass, IdRecordSource.Record r) {
        return CimInstance.builder(cimClass)
                .set(UID, CimValue.string(r.uid().toString()))
                .set(FILE_NAME, CimValue.string(r.fileName()))
                .set(CimName.of("FullPathName"), r.fullPathName() == null ? null : CimValue.string(r.fullPathName()))
                .set(CimName.of("ParentUid"), r.parentUid() == null ? null : CimValue.string(r.parentUid().toString()))
                .set(CimName.of("Flags"), CimValue.uint8(r.present() ? PRESENT_FLAG : 0))
                .set(CimName.of("Attributes"), CimValue.uint32(r.directory() ? FILE_ATTRIBUTE_DIRECTORY
                        : FILE_ATTRIBUTE_NORMAL))
                .set(CimName.of("UpdateTime"), r.updateTime() == null ? null : CimTimestamp.of(r.updateTime()))
                .set(CimName.of("FileHash"), r.fileHash() == null ? null : CimValue.string(r.fileHash()))
                .set(FOLDER, CimValue.string(Guids.format(r.replicatedFolderGuid())))
                .build();
    }

    // ---- methods --------------------------------------------------------------------------------------------

    /** GetFullFilePath, the class's only method: the record's FullPathName; ERROR_NOT_SUPPORTED (50) when its engine does not know it. */
    @Override
    public MethodResult invokeMethod(ProviderContext ctx, CimClass cimClass, CimObjectPath path, CimMethod method,
                                     Map<CimName, CimValue> in) {
        IdRecordSource.Record r = byPath(path).orElseThrow(() -> new CimException(WbemStatus.WBEM_E_NOT_FOUND,
                "no ID record " + path));
        if (r.fullPathName() == null) {
            return MethodResult.of(CimValue.uint32(ReturnCode.ERROR_NOT_SUPPORTED.code()));
        }
        return new MethodResult(CimValue.uint32(ReturnCode.MONITOR_STATUS_SUCCESS.code()),
                Map.of(CimName.of("FullPath"), CimValue.string(r.fullPathName())));
    }
}
