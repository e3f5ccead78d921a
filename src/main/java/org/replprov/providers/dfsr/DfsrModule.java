package org.replprov.providers.dfsr;

import java.util.ArrayList;
import java.util.List;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimName;
import org.replprov.metrics.Collector;
import org.replprov.module.ClassModule;
import org.replprov.module.ModuleContext;
import org.replprov.module.OpenModule;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;
import org.replprov.state.TableSet;

/**
 * The DFSR classes of {@code root/MicrosoftDfs}: DfsrConnectionInfo over the engines' links, DfsrInfo for the service
 * (and ReplProv_DfsrMemberInfo for each watched Windows member's),
 * DfsrReplicatedFolderInfo over the engines' replicated folders, DfsrIdRecordInfo over their ID tables, and their
 * metrics.
 */
public final class DfsrModule implements ClassModule {

    @Override
    public String name() {
        return "dfsr";
    }

    @Override
    public List<String> checkSchema(ClassRepository schema) {
        List<String> problems = new ArrayList<>();
        CimClass info = schema.getClass(DfsrSchema.NAMESPACE, DfsrSchema.CLASS).orElse(null);
        if (info == null) {
            problems.add(DfsrSchema.NAMESPACE + ":" + DfsrSchema.CLASS + " is not in the schema");
        } else {
            DfsrSchema.check(info).forEach(p -> problems.add(DfsrSchema.CLASS + ": " + p));
        }
        List<CimName> classes = new ArrayList<>(List.of(DfsrInfoProvider.CLASS, DfsrInfoProvider.MEMBER_CLASS,
                DfsrReplicatedFolderInfoProvider.CLASS, DfsrSyncInfoProvider.CLASS, DfsrIdRecordInfoProvider.CLASS));
        classes.addAll(DfsrConfigProvider.CLASSES);
        for (CimName c : classes) {
            if (schema.getClass(DfsrSchema.NAMESPACE, c).isEmpty()) {
                problems.add(DfsrSchema.NAMESPACE + ":" + c + " is not in the schema");
            }
        }
        return problems;
    }

    @Override
    public TableSet tables() {
        return DfsrTables.TABLES;
    }

    @Override
    public OpenModule open(ModuleContext context) {
        DfsrConnectionInfoProvider connections = DfsrConnectionInfoProvider.builder().schema(context.schema())
                .engines(context.engines()).stateStore(context.state()).scheduler(context.scheduler()).build();
        DfsrInfoProvider info = new DfsrInfoProvider(new DfsrInfoProvider.Service(context.daemon().version(),
                context.daemon().started(), context.engines()::status));
        context.engines().subscribe(info);
        DfsrReplicatedFolderInfoProvider folders = new DfsrReplicatedFolderInfoProvider(context.engines(), context.schema());
        context.engines().subscribe(folders);
        DfsrConfigProvider config = new DfsrConfigProvider(context.daemon().version());
        context.engines().subscribe(config);
        DfsrSyncInfoProvider sync = new DfsrSyncInfoProvider(connections::overrides);
        context.engines().subscribe(sync);
        DfsrIdRecordInfoProvider idRecords = new DfsrIdRecordInfoProvider(context.engines());
        return new OpenModule() {
            @Override
            public List<Registration> registrations() {
                List<Registration> all = new ArrayList<>(List.of(
                        new Registration(DfsrSchema.NAMESPACE, DfsrSchema.CLASS, connections),
                        new Registration(DfsrSchema.NAMESPACE, DfsrInfoProvider.CLASS, info),
                        new Registration(DfsrSchema.NAMESPACE, DfsrReplicatedFolderInfoProvider.CLASS, folders)));
                all.add(new Registration(DfsrSchema.NAMESPACE, DfsrInfoProvider.MEMBER_CLASS, info));
                all.add(new Registration(DfsrSchema.NAMESPACE, DfsrSyncInfoProvider.CLASS, sync));
                all.add(new Registration(DfsrSchema.NAMESPACE, DfsrIdRecordInfoProvider.CLASS, idRecords));
                DfsrConfigProvider.CLASSES.forEach(c -> all.add(new Registration(DfsrSchema.NAMESPACE, c, config)));
                return all;
            }

            @Override
            public List<Collector> metrics(ObjectManager objectManager) {
                return List.of(new DfsrMetrics(objectManager, connections::engineOf, context.engines()::status,
                        context.scheduler().clock()), new FolderMetrics(objectManager, folders::backlogSamples));
            }
        };
    }
}
