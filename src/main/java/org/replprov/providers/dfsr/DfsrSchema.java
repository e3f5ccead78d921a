package org.replprov.providers.dfsr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;

/**
 * The names and types of DfsrConnectionInfo as the provider relies on them (the DfsrConnectionInfo class
 * and method documentation). The class itself comes from the shipped MOF; {@link #check} says where the two disagree.
 */
public final class DfsrSchema {

    private DfsrSchema() {
    }

    public static final String NAMESPACE = "root/MicrosoftDfs";
    public static final CimName CLASS = CimName.of("DfsrConnectionInfo");

    // Inherited from CIM_ManagedSystemElement.
    public static final CimName CAPTION = CimName.of("Caption");
    public static final CimName DESCRIPTION = CimName.of("Description");
    public static final CimName INSTALL_DATE = CimName.of("InstallDate");
    public static final CimName NAME = CimName.of("Name");
    public static final CimName STATUS = CimName.of("Status");
    // Declared by DfsrConnectionInfo.
    public static final CimName CONNECTION_GUID = CimName.of("ConnectionGuid");
    public static final CimName MEMBER_GUID = CimName.of("MemberGuid");
    public static final CimName MEMBER_NAME = CimName.of("MemberName");
    public static final CimName PARTNER_GUID = CimName.of("PartnerGuid");
    public static final CimName PARTNER_NAME = CimName.of("PartnerName");
    public static final CimName REPLICATION_GROUP_GUID = CimName.of("ReplicationGroupGuid");
    public static final CimName REPLICATION_GROUP_NAME = CimName.of("ReplicationGroupName");
    public static final CimName INBOUND = CimName.of("Inbound");
    public static final CimName STATE = CimName.of("State");
    public static final CimName LAST_SYNC_TIME = CimName.of("LastSyncTime");
    public static final CimName LAST_SYNC_DURATION = CimName.of("LastSyncDuration");
    public static final CimName LAST_SUCCESSFUL_SYNC_TIME = CimName.of("LastSuccessfulSyncTime");
    public static final CimName NEXT_SYNC_TIME = CimName.of("NextSyncTime");
    public static final CimName LAST_ERROR_CODE = CimName.of("LastErrorCode");
    public static final CimName LAST_ERROR_MESSAGE_ID = CimName.of("LastErrorMessageId");

    /** The 20 properties in documentation order, with their types. */
    public static final Map<CimName, CimDataType> PROPERTIES = properties();

    public static final CimName CHECK_CONNECTIVITY = CimName.of("CheckConnectivity");
    public static final CimName FORCE_REPLICATION = CimName.of("ForceReplication");
    public static final CimName FORCE_FOLDER_REPLICATION = CimName.of("ForceFolderReplication");
    public static final CimName FORCE_DOWNLOAD = CimName.of("ForceDownload");

    public static final CimName MODE = CimName.of("Mode");
    public static final CimName DURATION_IN_MIN = CimName.of("DurationInMin");
    public static final CimName BANDWIDTH = CimName.of("Bandwidth");
    public static final CimName REPLICATED_FOLDER_GUID = CimName.of("ReplicatedFolderGuid");
    public static final CimName UID = CimName.of("Uid");

    /** The four methods' in parameters in ID order (DfsrConnectionInfo method documentation); each returns uint32. */
    public static final Map<CimName, List<Map.Entry<CimName, CimDataType>>> METHODS = Map.of(
            CHECK_CONNECTIVITY, List.of(),
            FORCE_REPLICATION, List.of(Map.entry(MODE, CimDataType.UINT32),
                    Map.entry(DURATION_IN_MIN, CimDataType.UINT32), Map.entry(BANDWIDTH, CimDataType.UINT32)),
            FORCE_FOLDER_REPLICATION, List.of(Map.entry(DURATION_IN_MIN, CimDataType.UINT32),
                    Map.entry(BANDWIDTH, CimDataType.UINT32), Map.entry(REPLICATED_FOLDER_GUID, CimDataType.STRING)),
            FORCE_DOWNLOAD, List.of(Map.entry(REPLICATED_FOLDER_GUID, CimDataType.STRING),
                    Map.entry(UID, CimDataType.STRING)));

    private static Map<CimName, CimDataType> properties() {
        Map<CimName, CimDataType> m = new LinkedHashMap<>();
        m.put(CAPTION, CimDataType.STRING);
        m.put(DESCRIPTION, CimDataType.STRING);
        m.put(INSTALL_DATE, CimDataType.DATETIME);
        m.put(NAME, CimDataType.STRING);
        m.put(STATUS, CimDataType.STRING);
        for (CimName guid : List.of(CONNECTION_GUID, MEMBER_GUID, MEMBER_NAME, PARTNER_GUID, PARTNER_NAME,
                REPLICATION_GROUP_GUID, REPLICATION_GROUP_NAME)) {
            m.put(guid, CimDataType.STRING);
        }
        m.put(INBOUND, CimDataType.BOOLEAN);
        m.put(STATE, CimDataType.UINT32);
        m.put(LAST_SYNC_TIME, CimDataType.DATETIME);
        m.put(LAST_SYNC_DURATION, CimDataType.UINT32);
        m.put(LAST_SUCCESSFUL_SYNC_TIME, CimDataType.DATETIME);
        m.put(NEXT_SYNC_TIME, CimDataType.DATETIME);
        m.put(LAST_ERROR_CODE, CimDataType.UINT32);
        m.put(LAST_ERROR_MESSAGE_ID, CimDataType.UINT32);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The ways {@code c} differs from what the provider needs: missing or retyped properties, a key other than
     * ConnectionGuid, missing methods or parameters. Empty when the class fits.
     */
    public static List<String> check(CimClass c) {
        List<String> problems = new ArrayList<>();
        if (!c.name().equals(CLASS)) {
            problems.add("the class is " + c.name() + ", not " + CLASS);
        }
        PROPERTIES.forEach((name, type) -> {
            CimProperty p = c.property(name).orElse(null);
            if (p == null) {
                problems.add("property " + name + " is missing");
            } else if (!p.dataType().equals(type)) {
                problems.add("property " + name + " is " + p.dataType() + ", expected " + type);
            }
        });
        List<CimName> keys = c.keys().stream().map(CimProperty::name).toList();
        if (!keys.equals(List.of(CONNECTION_GUID))) {
            problems.add("the keys are " + keys + ", expected [" + CONNECTION_GUID + "]");
        }
        METHODS.forEach((name, params) -> {
            CimMethod m = c.method(name).orElse(null);
            if (m == null) {
                problems.add("method " + name + " is missing");
                return;
            }
            if (!m.returnType().equals(CimDataType.UINT32)) {
                problems.add("method " + name + " returns " + m.returnType() + ", expected uint32");
            }
            List<Map.Entry<CimName, CimDataType>> actual = m.inParameters().stream()
                    .map((CimParameter p) -> Map.entry(p.name(), p.dataType())).toList();
            if (!actual.equals(params)) {
                problems.add("method " + name + " takes " + actual + ", expected " + params);
            }
        });
        return problems;
    }
}
