package org.replprov.providers.dfsr;

import static org.replprov.module.InstanceMetrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.replprov.cim.CimInstance;
import org.replprov.cim.CimValue;
import org.replprov.metrics.Collector;
import org.replprov.metrics.MetricFamily;
import org.replprov.metrics.MetricFamily.Sample;
import org.replprov.module.InstanceMetrics;
import org.replprov.provider.ObjectManager;

/**
 * The replicated folders and their backlogs as metrics, computed at scrape time:
 *
 * <ul>
 *   <li>{@code replprov_dfsr_replicated_folder_state{folder_guid, folder, replication_group, member}}: each
 *       DfsrReplicatedFolderInfo's State, for folders whose engine reports one;</li>
 *   <li>{@code replprov_dfsr_backlog_files{group, folder, member, partner, direction}}: the files waiting on a link
 *       for a folder, where the engine computes it (its {@code Backlog} facts).</li>
 * </ul>
 * {@code member} (MemberName; empty when unknown) says which member a series is of, where one engine watches several
 * members hosting one folder (each member's folder is an instance of its own).
 */
final class FolderMetrics implements Collector {

    private static final List<String> FOLDER_LABELS = List.of("folder_guid", "folder", "replication_group",
            "member");
    private static final List<String> BACKLOG_LABELS = List.of("group", "folder", "member", "partner", "direction");

    private final ObjectManager objectManager;
    private final Supplier<List<DfsrReplicatedFolderInfoProvider.BacklogSample>> backlogs;

    FolderMetrics(ObjectManager objectManager, Supplier<List<DfsrReplicatedFolderInfoProvider.BacklogSample>> backlogs) {
        this.objectManager = objectManager;
        this.backlogs = backlogs;
    }

    @Override
    public List<MetricFamily> collect() {
        List<CimInstance> folders = new ArrayList<>();
        InstanceMetrics.enumerate(objectManager, DfsrSchema.NAMESPACE, DfsrReplicatedFolderInfoProvider.CLASS,
                folders);
        List<Sample> state = new ArrayList<>();
        for (CimInstance f : folders) {
            if (f.value("State") instanceof CimValue.Int s) {
                state.add(Sample.of(FOLDER_LABELS, List.of(text(f, "ReplicatedFolderGuid"),
                        text(f, "ReplicatedFolderName"), text(f, "ReplicationGroupName"), text(f, "MemberName")),
                        s.value()));
            }
        }
        List<Sample> backlog = backlogs.get().stream().map(b -> Sample.of(BACKLOG_LABELS,
                List.of(b.group(), b.folder(), b.member(), b.partner(), b.direction()), b.files())).toList();
        return List.of(
                new MetricFamily("replprov_dfsr_replicated_folder_state", "DfsrReplicatedFolderInfo.State: "
                        + "0 Uninitialized, 1 Initialized, 2 Initial Sync, 3 Auto Recovery, 4 Normal, 5 In Error.",
                        MetricFamily.Type.GAUGE, state),
                new MetricFamily("replprov_dfsr_backlog_files", "Files waiting to replicate over a link for a "
                        + "replicated folder, as the engine last counted them.", MetricFamily.Type.GAUGE, backlog));
    }

    @Override
    public String toString() {
        return "DFSR replicated-folder metrics";
    }
}
