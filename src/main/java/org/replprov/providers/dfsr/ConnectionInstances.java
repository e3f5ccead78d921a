package org.replprov.providers.dfsr;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.engine.spi.SyncResults;

/**
 * Builds the DfsrConnectionInfo instance of a {@link Connection}: all 20 properties, as docs/dfsr-provider.md
 * describes them. Property positions are resolved once per class object, so building an instance does no name look-up.
 */
final class ConnectionInstances {

    /** Caption is MaxLen(64) on CIM_ManagedSystemElement. */
    static final int CAPTION_MAX = 64;

    private static final CimValue NEVER = CimTimestamp.DFSR_NEVER;
    private static final CimValue ZERO = CimValue.uint32(0);

    private final Map<CimClass, int[]> layouts = new ConcurrentHashMap<>();

    CimInstance build(CimClass cimClass, Connection c) {
        int[] at = layouts.computeIfAbsent(cimClass, ConnectionInstances::layout);
        var s = c.snapshot();
        boolean in = s.inbound();
        String name = in ? s.memberName() + " <- " + s.partnerName() : s.memberName() + " -> " + s.partnerName();
        String description = (in ? "Inbound connection from " + s.partnerName() + " to " + s.memberName()
                : "Outbound connection from " + s.memberName() + " to " + s.partnerName())
                + " in replication group " + s.replicationGroupName();
        // The inbound-only properties keep their documented defaults on outbound connections.
        SyncResults r = in ? s.syncResults() : SyncResults.UNKNOWN;
        LastError error = c.lastError();

        CimValue[] v = new CimValue[at.length];
        v[0] = CimValue.string(truncate(name + " (" + s.replicationGroupName() + ")", CAPTION_MAX));
        v[1] = CimValue.string(description);
        v[2] = CimTimestamp.of(c.firstSeen());
        v[3] = CimValue.string(name);
        v[4] = CimValue.string(c.status().text());
        v[5] = CimValue.string(Guids.format(s.connectionGuid()));
        v[6] = CimValue.string(Guids.format(s.memberGuid()));
        v[7] = CimValue.string(s.memberName());
        v[8] = CimValue.string(Guids.format(s.partnerGuid()));
        v[9] = CimValue.string(s.partnerName());
        v[10] = CimValue.string(Guids.format(s.replicationGroupGuid()));
        v[11] = CimValue.string(s.replicationGroupName());
        v[12] = CimValue.bool(in);
        v[13] = CimValue.uint32(c.state().value());
        v[14] = timestamp(r.lastSyncTime());
        v[15] = r.lastSyncDuration().isZero() ? ZERO
                : CimValue.uint32(Math.min(r.lastSyncDuration().getSeconds(), 0xFFFF_FFFFL));
        v[16] = timestamp(r.lastSuccessfulSyncTime());
        v[17] = timestamp(r.nextSyncTime());
        v[18] = CimValue.uint32(error.code());
        v[19] = CimValue.uint32(error.messageId());

        CimInstance.Builder b = CimInstance.builder(cimClass);
        for (int i = 0; i < at.length; i++) {
            b.set(at[i], v[i]);
        }
        return b.build();
    }

    private static int[] layout(CimClass cimClass) {
        return DfsrSchema.PROPERTIES.keySet().stream().mapToInt(n -> index(cimClass, n)).toArray();
    }

    private static int index(CimClass cimClass, CimName property) {
        int i = cimClass.propertyIndex(property);
        if (i < 0) {
            throw new IllegalArgumentException(cimClass.name() + " has no property " + property);
        }
        return i;
    }

    private static CimValue timestamp(Instant t) {
        return t == null ? NEVER : CimTimestamp.of(t);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
