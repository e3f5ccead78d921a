package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimType;
import org.replprov.cim.Embedding;
import org.replprov.repository.ClassRepository;

/**
 * The shipped DFSR classes besides DfsrConnectionInfo against their documented tables (the classes' reference pages:
 * syntax, per-property data type and qualifiers, method signatures; docs/dfsr-classes.md names them). The tables
 * below are the expectation; mof/dfsr.mof must agree with them. {@link ShippedSchemaTest} does the same for
 * DfsrConnectionInfo.
 */
class DfsrClassesSchemaTest {

    private static final String NS = MofCompiler.SHIPPED_NAMESPACE;
    private static final ClassRepository SCHEMA = MofCompiler.loadShippedSchema();

    private static final CimDataType STRING = CimDataType.STRING;
    private static final CimDataType BOOLEAN = CimDataType.BOOLEAN;
    private static final CimDataType DATETIME = CimDataType.DATETIME;
    private static final CimDataType UINT8 = CimDataType.UINT8;
    private static final CimDataType UINT32 = CimDataType.UINT32;
    private static final CimDataType UINT64 = CimDataType.UINT64;
    private static final CimDataType UINT8_ARRAY = CimDataType.arrayOf(CimType.UINT8);

    /** One documented property: type and the qualifiers its page lists (null where it lists none). */
    private record P(String name, CimDataType type, String displayName, boolean key, Integer maxLen, Integer minLen,
                     String units, Long minValue) {
        P keyed() {
            return new P(name, type, displayName, true, maxLen, minLen, units, minValue);
        }

        /** {@code MaxLen(36), MinLen(36)}: a GUID. */
        P guid() {
            return new P(name, type, displayName, key, 36, 36, units, minValue);
        }

        P maxLen(int n) {
            return new P(name, type, displayName, key, n, minLen, units, minValue);
        }

        P units(String u) {
            return new P(name, type, displayName, key, maxLen, minLen, u, minValue);
        }

        P minValue(long v) {
            return new P(name, type, displayName, key, maxLen, minLen, units, v);
        }
    }

    private static P p(String name, CimDataType type, String displayName) {
        return new P(name, type, displayName, false, null, null, null, null);
    }

    /** One documented parameter: direction, and the class of the instances it embeds (null for none). */
    private record Param(String name, CimDataType type, boolean in, int id, String embeds) {
    }

    private static Param in(String name, CimDataType type, int id) {
        return new Param(name, type, true, id, null);
    }

    private static Param out(String name, CimDataType type, int id) {
        return new Param(name, type, false, id, null);
    }

    private record M(String name, boolean isStatic, List<Param> parameters) {
    }

    /**
     * One class: its documented superclass (null for none), provider, whether it is a singleton, the properties of
     * its documented syntax (inherited ones by name only: their page lists the base class's qualifiers) and its
     * methods.
     */
    private record Documented(String name, String superClass, String provider, boolean singleton,
                              List<String> inherited, List<P> properties, List<M> methods) {
    }

    private static final List<String> ELEMENT = List.of("Caption", "Description", "InstallDate", "Name", "Status");

    private static final List<Documented> CLASSES = List.of(
            new Documented("DfsrIdRecordInfo", "CIM_LogicalElement", "DfsrMonitorProv", false, ELEMENT, List.of(
                    p("Uid", STRING, "File or Folder GUID-Version Pair").keyed(),
                    p("Flags", UINT8, "Flags"),
                    p("Attributes", UINT32, "Attributes"),
                    p("GVsn", STRING, "Global Version"),
                    p("Usn", STRING, "USN"),
                    p("ParentUid", STRING, "Parent GUID"),
                    p("Fid", UINT64, "File ID"),
                    p("Volume", STRING, "Volume"),
                    p("Fence", STRING, "Fence"),
                    p("Clock", DATETIME, "Clock"),
                    p("CreateTime", DATETIME, "Create Time"),
                    p("UpdateTime", DATETIME, "Update Time"),
                    p("FileHash", STRING, "File Hash"),
                    p("FileName", STRING, "Relative Name"),
                    p("FullPathName", STRING, "Full Path Name"),
                    p("Index", UINT32, "Record Index"),
                    p("ReplicatedFolderGuid", STRING, "Replicated Folder GUID").guid()),
                    List.of(new M("GetFullFilePath", false, List.of(out("FullPath", STRING, 0))))),
            new Documented("DfsrReplicatedFolderInfo", "CIM_LogicalElement", "DfsrMonitorProv", false, ELEMENT,
                    List.of(
                            p("ReplicatedFolderGuid", STRING, "Replicated Folder GUID").keyed().guid(),
                            p("ReplicatedFolderName", STRING, "Replicated Folder Name"),
                            p("ReplicationGroupGuid", STRING, "Replication Group GUID").guid(),
                            p("ReplicationGroupName", STRING, "Replication Group Name"),
                            p("MemberGuid", STRING, "Member GUID").guid(),
                            p("MemberName", STRING, "Member Name"),
                            p("LastConflictCleanupTime", DATETIME, "Last Conflict Cleanup Time"),
                            p("LastTombstoneCleanupTime", DATETIME, "Last Tombstone Cleanup Time"),
                            p("CurrentStageSizeInMb", UINT32, "Current Staging Folder Size in MB").units("MB"),
                            p("CurrentConflictSizeInMb", UINT32, "Current Conflict and Deleted Folder Size in MB")
                                    .units("MB"),
                            p("State", UINT8, "Replicated Folder State"),
                            p("LastErrorCode", UINT32, "Last Error Code"),
                            p("LastErrorMessageId", UINT32, "Last Error Message ID")),
                    List.of(new M("CleanupConflictDirectory", false, List.of()),
                            new M("Fence", false, List.of(in("Mode", UINT8, 0), in("FilePath", STRING, 1),
                                    in("IsRecursive", BOOLEAN, 2))),
                            new M("GetOutboundBacklogFileCount", false, List.of(in("VersionVector", STRING, 0),
                                    out("BacklogFileCount", UINT32, 1), out("IdRecordIndex", UINT32, 2))),
                            new M("GetOutboundBacklogFileIdRecords", false, List.of(in("VersionVector", STRING, 0),
                                    new Param("BacklogIdRecords", CimDataType.STRING_ARRAY, false, 1,
                                            "DfsrIdRecordInfo"),
                                    out("IdRecordIndex", UINT32, 2))),
                            new M("GetVersionVector", false, List.of(out("VersionVector", STRING, 0))))),
            new Documented("DfsrInfo", null, "DfsrMonitorProv", true, List.of(), List.of(
                    p("ProviderVersion", STRING, "DFS Replication Monitoring Provider Version"),
                    p("ServiceStartTime", DATETIME, "Service Start Time"),
                    p("LastDsPollTime", DATETIME, "Last Active Directory Domain Services Poll Time"),
                    p("State", UINT8, "State"),
                    p("LastErrorCode", UINT32, "Last Error Code"),
                    p("LastErrorMessageId", UINT32, "Last Error Message ID")), List.of()),
            new Documented("DfsrSyncInfo", "CIM_LogicalElement", "DfsrMonitorProv", false, ELEMENT, List.of(
                    p("SyncGuid", STRING, "Sync GUID").keyed().guid(),
                    p("ConnectionGuid", STRING, "Connection GUID").guid(),
                    p("MemberGuid", STRING, "Member GUID").guid(),
                    p("MemberName", STRING, "Member Name"),
                    p("PartnerGuid", STRING, "Partner GUID").guid(),
                    p("PartnerName", STRING, "Partner Name"),
                    p("ReplicationGroupGuid", STRING, "Replication Group GUID").guid(),
                    p("ReplicationGroupName", STRING, "Replication Group Name"),
                    p("Inbound", BOOLEAN, "Is Incoming Sync"),
                    p("State", UINT32, "Sync Session State"),
                    p("InitiationReason", UINT32, "Initiation Reason"),
                    p("StartTime", DATETIME, "Sync Start Time"),
                    p("EndTime", DATETIME, "Sync End Time"),
                    p("UpdatesTransferred", UINT32, "Number of Updates Transferred"),
                    p("BytesTransferred", UINT64, "Number of Bytes Transferred"),
                    p("UpdatesNotTransferred", UINT32, "Number of Updates Not Transferred"),
                    p("UpdatesToBeTransferred", UINT32, "Number of Updates Not Transferred"),
                    p("ConflictsGenerated", UINT32, "Number of Conflicts Generated"),
                    p("TombstonesGenerated", UINT32, "Number of Tombstones Generated"),
                    p("LastErrorCode", UINT32, "Last Error Code"),
                    p("LastErrorMessageId", UINT32, "Last Error Message ID"),
                    p("ForceReplicationEndTime", DATETIME, "Current Force Replication End Time"),
                    p("ForceReplicationBandwidthlevel", UINT32, "Current Force Replication bandwidth level")),
                    List.of()),
            new Documented("DfsrConfig", null, "DfsrConfigProv", true, List.of(), List.of(
                    p("ProviderVersion", STRING, "DFS Replication Configuration Provider Version"),
                    p("ServiceVersion", STRING, "DFS Replication Service Version")),
                    List.of(new M("PollDsNow", true, List.of(in("DcDnsName", STRING, 0))))),
            new Documented("DfsrConnectionConfig", "CIM_Setting", "DfsrConfigProv", false,
                    List.of("Caption", "Description", "SettingID"), List.of(
                    p("ConnectionGuid", STRING, "Connection GUID").keyed().guid(),
                    p("ConnectionDn", STRING, "Connection Distinguished Name"),
                    p("MemberGuid", STRING, "Member GUID").guid(),
                    p("PartnerGuid", STRING, "Partner GUID").guid(),
                    p("PartnerName", STRING, "Partner Name"),
                    p("PartnerDn", STRING, "Partner Distinguished Name"),
                    p("PartnerDns", STRING, "Partner DNS"),
                    p("ReplicationGroupGuid", STRING, "Replication Group GUID").guid(),
                    p("Inbound", BOOLEAN, "Incoming Connection"),
                    p("Enabled", BOOLEAN, "Enabled Connection"),
                    p("Keywords", STRING, "Keywords"),
                    p("RdcEnabled", BOOLEAN, "RDC Enabled"),
                    p("RdcMinFileSizeInKb", UINT32, "RDC Minimum File Size in KB"),
                    p("ScheduleInUtc", BOOLEAN, "Schedule in UTC"),
                    p("Schedule", UINT8_ARRAY, "Schedule")), List.of()),
            new Documented("DfsrLocalMemberConfig", "CIM_Setting", "DfsrConfigProv", false,
                    List.of("Caption", "Description", "SettingID"), List.of(
                    p("MemberGuid", STRING, "Member GUID").keyed().guid(),
                    p("MemberName", STRING, "Member Name"),
                    p("MemberDn", STRING, "Member Distinguished Name"),
                    p("MemberDns", STRING, "Member DNS"),
                    p("MemberPeerNetGroupName", STRING, "Member PeerNet Group Name"),
                    p("ReplicationGroupGuid", STRING, "Replication Group GUID").guid(),
                    p("Keywords", STRING, "Keywords")), List.of()),
            new Documented("DfsrReplicatedFolderConfig", "CIM_Setting", "DfsrConfigProv", false,
                    List.of("Caption", "SettingID"), List.of(
                    p("ReplicatedFolderGuid", STRING, "Replicated Folder GUID").keyed().guid(),
                    p("ReplicatedFolderName", STRING, "Replicated Folder Name"),
                    p("ReplicatedFolderDn", STRING, "Replicated Folder Distinguished Name"),
                    p("ReplicationGroupGuid", STRING, "Replication Group GUID").guid(),
                    p("MemberGuid", STRING, "Member GUID").guid(),
                    p("VolumeGuid", STRING, "Volume GUID").guid(),
                    p("RootPath", STRING, "Local Path").maxLen(2600),
                    p("RootSizeInMb", UINT32, "Root Quota In MB").minValue(10),
                    p("StagingPath", STRING, "Staging Folder Path").maxLen(2600),
                    p("StagingSizeInMb", UINT32, "Staging Quota In MB").minValue(10),
                    p("ConflictPath", STRING, "Conflict and Deleted Folder Path").maxLen(2600),
                    p("ConflictSizeInMb", UINT32, "Conflict and Deleted Folder Quota In MB").minValue(10),
                    p("FileFilter", STRING, "File Exclusion Filter").maxLen(2600),
                    p("DirectoryFilter", STRING, "Subfolder Exclusion Filter").maxLen(2600),
                    p("Ghosted", BOOLEAN, "Ghosted Content"),
                    p("CacheObeyConnectionSchedule", BOOLEAN, "Obey Connection Schedule In Cache"),
                    p("MinAgeInCacheInMin", UINT32, "Minimum Age Time In Cache In Minutes").minValue(0),
                    p("MaxAgeInCacheInMin", UINT32, "Maximum Age Time In Cache In Minutes").minValue(0),
                    p("Enabled", BOOLEAN, "Replicated Folder Status"),
                    p("IsPrimary", BOOLEAN, "Is Primary"),
                    p("ReadOnly", BOOLEAN, "Read-only"),
                    p("DisableSaveDeletes", BOOLEAN, "Disable Saving Deletes"),
                    p("DisableReanimateDeletes", BOOLEAN, "Disable Reanimation of Remote Deletions"),
                    p("SharedStaging", BOOLEAN, "Shared Staging Folder"),
                    p("CompressedExtensions", BOOLEAN, "File extensions that are compressed"),
                    p("Description", STRING, null),
                    p("UsnCreated", UINT64, "Replicated Folder USN Created"),
                    p("ContainerComputerName", STRING, "Content Set AD computer name"),
                    p("IsClustered", BOOLEAN, "Is content set part of a VCO"),
                    p("VcoResourceName", STRING, "Content Set VCO Resource Name")), List.of()),
            new Documented("DfsrReplicationGroupConfig", "CIM_Setting", "DfsrConfigProv", false,
                    List.of("Caption", "SettingID"), List.of(
                    p("ReplicationGroupGuid", STRING, "Replication Group GUID").keyed().guid(),
                    p("ReplicationGroupName", STRING, "Replication Group Name"),
                    p("ReplicationGroupDn", STRING, "Replication Group Distinguished Name"),
                    p("ReplicationGroupType", UINT32, "Replication Group Type"),
                    p("LastChangeNumber", UINT32, "Last Change Number").minValue(1),
                    p("LastChangeTime", DATETIME, "Last Change Time"),
                    p("LastChangeSource", STRING, "Last Change Source"),
                    p("TombstoneExpiryInMin", UINT32, "Tombstone Expiration In Minutes").minValue(60),
                    p("Description", STRING, "Replication Group Description"),
                    p("DefaultScheduleInUtc", BOOLEAN, "Default Schedule in UTC"),
                    p("DefaultSchedule", UINT8_ARRAY, "Default Schedule"),
                    p("ContainerComputerName", STRING, "Replication group AD computer name"),
                    p("IsClustered", BOOLEAN, "Is AD computer represent a VCO"),
                    p("VcoResourceName", STRING, "Content Set VCO Resource Name")), List.of()));

    /** Documented value tables: Values by ValueMap entry. */
    private static final Map<String, List<String>> VALUE_MAPS = Map.of(
            "DfsrReplicatedFolderInfo.State", List.of("Uninitialized", "Initialized", "Initial Sync",
                    "Auto Recovery", "Normal", "In Error"),
            "DfsrInfo.State", List.of("Service Starting", "Service Running", "Service Degraded",
                    "Service Shutting Down"),
            "DfsrSyncInfo.State", List.of("Initialized", "Connecting", "In Progress", "Completed", "In Sync",
                    "Interrupted", "In Error"),
            "DfsrSyncInfo.InitiationReason", List.of("Schedule", "Forced", "Paused", "ForcedUntilSync"),
            "DfsrIdRecordInfo.Fence", List.of("Unfence", "Initial Sync", "Initial Primary", "Default", "Fence"),
            "DfsrReplicationGroupConfig.ReplicationGroupType", List.of("OTHER", "SYSVOL", "PROTECTION",
                    "DISTRIBUTION", "CLIENT", "PEERNET"));

    private static CimClass cimClass(String name) {
        return SCHEMA.requireClass(NS, CimName.of(name));
    }

    @Test
    void namespaceHoldsEveryDocumentedClass() {
        List<String> expected = new ArrayList<>(List.of("CIM_ManagedSystemElement", "CIM_LogicalElement",
                "CIM_Setting", "DfsrConnectionInfo"));
        CLASSES.forEach(c -> expected.add(c.name()));
        expected.add("ReplProv_DfsrMemberInfo"); // replprov's own: each watched Windows member's DfsrInfo
        assertThat(SCHEMA.classes(NS)).extracting(c -> c.name().toString()).containsExactlyElementsOf(expected);
    }

    @Test
    void cimSettingIsTheAbstractBaseOfTheConfigurationClasses() {
        CimClass setting = cimClass("CIM_Setting");
        assertThat(setting.isAbstract()).isTrue();
        assertThat(setting.superClass()).isEmpty();
        assertThat(setting.properties()).extracting(p -> p.name().toString())
                .containsExactly("Caption", "Description", "SettingID");
        assertThat(setting.property("Caption").orElseThrow().qualifiers().integer("MaxLen")).contains(64L);
        assertThat(setting.property("SettingID").orElseThrow().qualifiers().integer("MaxLen")).contains(256L);
    }

    @TestFactory
    List<DynamicTest> classesHaveTheirDocumentedShape() {
        return CLASSES.stream().map(d -> DynamicTest.dynamicTest(d.name(), () -> check(d))).toList();
    }

    private static void check(Documented d) {
        CimClass c = cimClass(d.name());
        assertThat(c.superClass().map(s -> s.name().toString()).orElse(null)).as("superclass")
                .isEqualTo(d.superClass());
        assertThat(c.qualifiers().isTrue("Dynamic")).as("Dynamic").isTrue();
        assertThat(c.qualifiers().string("Provider")).as("Provider").contains(d.provider());
        assertThat(c.isSingleton()).as("Singleton").isEqualTo(d.singleton());
        assertThat(c.isAbstract()).as("Abstract").isFalse();
        assertThat(c.qualifiers().string("Description")).as("class Description").isNotEmpty();

        List<String> names = new ArrayList<>(d.inherited());
        d.properties().stream().map(P::name).filter(n -> !names.contains(n)).forEach(names::add);
        assertThat(c.properties()).extracting(p -> p.name().toString()).as("properties")
                .containsExactlyInAnyOrderElementsOf(c.superClass().isEmpty() ? names : withBase(c, names));
        // Inherited properties keep their base class's place, wherever the syntax lists them.
        List<String> own = d.properties().stream().map(P::name)
                .filter(n -> c.superClass().flatMap(s -> s.property(n)).isEmpty()).toList();
        assertThat(c.properties()).extracting(p -> p.name().toString()).as("own properties in documented order")
                .containsSubsequence(own);
        assertThat(c.keys()).extracting(p -> p.name().toString()).as("keys")
                .containsExactlyElementsOf(d.properties().stream().filter(P::key).map(P::name).toList());

        for (P e : d.properties()) {
            CimProperty p = c.property(e.name()).orElseThrow();
            String what = d.name() + "." + e.name();
            assertThat(p.dataType()).as(what).isEqualTo(e.type());
            assertThat(p.isKey()).as(what + " Key").isEqualTo(e.key());
            assertThat(p.qualifiers().string("DisplayName").orElse(null)).as(what + " DisplayName")
                    .isEqualTo(e.displayName());
            assertThat(p.qualifiers().integer("MaxLen").map(Long::intValue).orElse(null)).as(what + " MaxLen")
                    .isEqualTo(e.maxLen());
            assertThat(p.qualifiers().integer("MinLen").filter(n -> n > 0).map(Long::intValue).orElse(null))
                    .as(what + " MinLen").isEqualTo(e.minLen());
            assertThat(p.qualifiers().string("Units").orElse(null)).as(what + " Units").isEqualTo(e.units());
            assertThat(p.qualifiers().integer("MinValue").orElse(null)).as(what + " MinValue")
                    .isEqualTo(e.minValue());
            assertThat(p.qualifiers().isTrue("Write")).as(what + " is documented read-only").isFalse();
            assertThat(p.qualifiers().string("Description")).as(what + " Description").isNotEmpty();
            assertThat(p.defaultValue()).as(what + " default").isNull();
            List<String> values = VALUE_MAPS.get(what);
            if (values != null) {
                List<String> numbers = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    numbers.add(Integer.toString(i));
                }
                assertThat(p.qualifiers().strings("ValueMap")).as(what + " ValueMap").isEqualTo(numbers);
                assertThat(p.qualifiers().strings("Values")).as(what + " Values").isEqualTo(values);
            }
        }

        assertThat(c.methods()).extracting(m -> m.name().toString()).as("methods")
                .containsExactlyElementsOf(d.methods().stream().map(M::name).toList());
        for (M e : d.methods()) {
            CimMethod m = c.method(CimName.of(e.name())).orElseThrow();
            String what = d.name() + "." + e.name() + "()";
            assertThat(m.returnType()).as(what + " returns").isEqualTo(CimDataType.UINT32);
            assertThat(m.qualifiers().isTrue("Implemented")).as(what + " Implemented").isTrue();
            assertThat(m.qualifiers().isTrue("Static")).as(what + " Static").isEqualTo(e.isStatic());
            assertThat(m.qualifiers().string("Description")).as(what + " Description").isNotEmpty();
            assertThat(m.parameters()).extracting(p -> p.name().toString()).as(what)
                    .containsExactlyElementsOf(e.parameters().stream().map(Param::name).toList());
            for (Param ep : e.parameters()) {
                CimParameter p = m.parameter(CimName.of(ep.name())).orElseThrow();
                String pw = what + " " + ep.name();
                assertThat(p.dataType()).as(pw).isEqualTo(ep.type());
                assertThat(p.isIn()).as(pw + " In").isEqualTo(ep.in());
                assertThat(p.isOut()).as(pw + " Out").isEqualTo(!ep.in());
                assertThat(p.id()).as(pw + " ID").hasValue(ep.id());
                assertThat(Embedding.of(p.qualifiers()).instanceClass()).as(pw + " EmbeddedInstance")
                        .isEqualTo(ep.embeds() == null ? null : CimName.of(ep.embeds()));
            }
        }
    }

    /** The documented names and those the base class adds that the documented syntax leaves out. */
    private static List<String> withBase(CimClass c, List<String> documented) {
        List<String> all = new ArrayList<>(documented);
        c.superClass().orElseThrow().properties().stream().map(p -> p.name().toString())
                .filter(n -> !all.contains(n)).forEach(all::add);
        return all;
    }

    @Test
    void theBacklogRecordsAreEmbeddedIdRecords() {
        CimParameter records = cimClass("DfsrReplicatedFolderInfo").method(CimName.of("GetOutboundBacklogFileIdRecords"))
                .orElseThrow().parameter(CimName.of("BacklogIdRecords")).orElseThrow();
        Embedding embedding = Embedding.of(records.qualifiers());
        assertThat(embedding.instanceClass()).isEqualTo(CimName.of("DfsrIdRecordInfo"));
        assertThat(SCHEMA.getClass(NS, embedding.instanceClass())).as("the embedded class exists").isPresent();
    }

    @Test
    void idRecordFlagsAreTheDocumentedBits() {
        CimProperty flags = cimClass("DfsrIdRecordInfo").property("Flags").orElseThrow();
        // PRESENT 0x1, NAME_CONFLICT 0x2, UID_VISIBLE 0x4, JOURNAL_WRAP 0x10, PENDING_TOMBSTONE 0x20.
        assertThat(flags.qualifiers().strings("BitMap")).containsExactly("0", "1", "2", "4", "5");
        assertThat(flags.qualifiers().strings("BitValues")).containsExactly("PRESENT_FLAG", "NAME_CONFLICT_FLAG",
                "UID_VISIBLE_FLAG", "JOURNAL_WRAP_FLAG", "PENDING_TOMBSTONE_FLAG");
    }

    @Test
    void pollDsNowTakesAnOptionalDomainController() {
        CimMethod poll = cimClass("DfsrConfig").method(CimName.of("PollDsNow")).orElseThrow();
        assertThat(poll.parameter(CimName.of("DcDnsName")).orElseThrow().qualifiers().isTrue("Optional")).isTrue();
    }

    @Test
    void errorCodesAdmitEveryCodeBesidesSuccess() {
        for (String name : List.of("DfsrReplicatedFolderInfo", "DfsrInfo", "DfsrSyncInfo")) {
            for (String property : List.of("LastErrorCode", "LastErrorMessageId")) {
                CimProperty p = cimClass(name).property(property).orElseThrow();
                assertThat(p.qualifiers().strings("ValueMap")).as(name + "." + property).containsExactly("0", "..");
                assertThat(p.qualifiers().strings("Values")).as(name + "." + property).startsWith("Success");
            }
        }
    }
}
