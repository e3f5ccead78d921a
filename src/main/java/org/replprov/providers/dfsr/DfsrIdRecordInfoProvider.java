package org.replprov.providers.dfsr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.cim.Guids;
import org.replprov.engine.EngineEvents;
import org.replprov.engine.spi.IdRecords;
import org.replprov.engine.spi.Observation;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.ProviderContext;

/**
 * DfsrIdRecordInfo: the ID records the engines make findable ({@link IdRecords} facts), one instance per record, so
 * that a query such as {@code SELECT Uid FROM DfsrIdRecordInfo WHERE FileName = 'report.docx'} finds the Uid that
 * DfsrConnectionInfo.ForceDownload takes. Each fact replaces the engine's records for its folder; an engine that fails
 * loses its records (a Uid read from a stopped engine could not be acted on). Properties an engine does not know
 * (Fid, Usn, Volume, FileHash, …) are left null.
 */
public final class DfsrIdRecordInfoProvider implements InstanceProvider, EngineEvents {

    public static final String NAME = "dfsr-id-records";
    public static final CimName CLASS = CimName.of("DfsrIdRecordInfo");

    /** DfsrIdRecordInfo.Flags PRESENT_FLAG: the file exists (the record is not a tombstone). */
    static final int PRESENT_FLAG = 0x1;

    /** Records by engine, then folder. Guarded by the provider. */
    private final Map<String, Map<UUID, IdRecords>> records = new HashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void observed(String engine, Observation fact) {
        if (fact instanceof IdRecords r) {
            Map<UUID, IdRecords> perFolder = records.computeIfAbsent(engine, e -> new LinkedHashMap<>());
            if (r.records().isEmpty()) {
                perFolder.remove(r.replicatedFolderGuid());
            } else {
                perFolder.put(r.replicatedFolderGuid(), r);
            }
        }
    }

    @Override
    public synchronized void engineFailed(String engine, String why) {
        records.remove(engine);
    }

    @Override
    public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
        List<IdRecords> all = new ArrayList<>();
        synchronized (this) {
            records.values().forEach(m -> all.addAll(m.values()));
        }
        for (IdRecords r : all) {
            for (IdRecords.Record record : r.records()) {
                out.accept(instance(cimClass, r.replicatedFolderGuid(), record));
            }
        }
    }

    private static CimInstance instance(CimClass cimClass, UUID folder, IdRecords.Record r) {
        return CimInstance.builder(cimClass)
                .set(CimName.of("Uid"), CimValue.string(r.uid().toString()))
                .set(CimName.of("FileName"), CimValue.string(r.fileName()))
                .set(CimName.of("FullPathName"), r.fullPathName() == null ? null : CimValue.string(r.fullPathName()))
                .set(CimName.of("Flags"), CimValue.uint8(r.present() ? PRESENT_FLAG : 0))
                .set(CimName.of("UpdateTime"), r.updateTime() == null ? null : CimTimestamp.of(r.updateTime()))
                .set(CimName.of("ReplicatedFolderGuid"), CimValue.string(Guids.format(folder)))
                .build();
    }
}
