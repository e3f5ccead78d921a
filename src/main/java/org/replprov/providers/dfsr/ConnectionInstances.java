package org.replprov.providers.dfsr;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.replprov.cim.Guids;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.engine.spi.SyncResults;

/**
 * Builds the DfsrConnectionInfo instance of a {@link Connection}: all 20 properties, as docs/dfsr-provider.md
 * describes them. Each property is also available on its own ({@link #value}), so that a query table can build the
 * column of one property without building whole instances. Property positions are resolved once per class object, so
 * neither does a name look-up.
 */
final class ConnectionInstances {

    /** Caption is MaxLen(64) on CIM_ManagedSystemElement. */
    static final int CAPTION_MAX = 64;

    private static final CimValue NEVER = CimTimestamp.DFSR_NEVER;
    private static final CimValue ZERO = CimValue.uint32(0);

    /** The 20 properties and how each derives from a connection. */
    private enum Property {
        CAPTION(DfsrSchema.CAPTION, (c, common) -> CimValue.string(
                truncate(label(c) + " (" + c.link().replicationGroupName() + ")", CAPTION_MAX))),
        /**
         * The direction, member and group, without the partner (which Caption and PartnerName carry): one text, and
         * one shared object, for all of a member's connections in one direction and group, where a text naming the
         * partner would cost every kept instance about 150 bytes.
         */
        DESCRIPTION(DfsrSchema.DESCRIPTION, (c, common) -> {
            var s = c.link();
            return common.string((s.inbound() ? "Inbound connection to " : "Outbound connection from ")
                    + s.memberName() + " in replication group " + s.replicationGroupName());
        }),
        INSTALL_DATE(DfsrSchema.INSTALL_DATE, (c, common) -> CimTimestamp.of(c.firstSeen())),
        /** The connection GUID, the label by which it is known; {@link #build} shares ConnectionGuid's value object. */
        NAME(DfsrSchema.NAME, (c, common) -> connectionGuid(c)),
        STATUS(DfsrSchema.STATUS, (c, common) -> common.string(c.status().text())),
        CONNECTION_GUID(DfsrSchema.CONNECTION_GUID, (c, common) -> connectionGuid(c)),
        MEMBER_GUID(DfsrSchema.MEMBER_GUID, (c, common) -> common.guid(c.link().memberGuid())),
        MEMBER_NAME(DfsrSchema.MEMBER_NAME, (c, common) -> common.string(c.link().memberName())),
        PARTNER_GUID(DfsrSchema.PARTNER_GUID,
                (c, common) -> CimValue.string(Guids.format(c.link().partnerGuid()))),
        PARTNER_NAME(DfsrSchema.PARTNER_NAME, (c, common) -> CimValue.string(c.link().partnerName())),
        REPLICATION_GROUP_GUID(DfsrSchema.REPLICATION_GROUP_GUID,
                (c, common) -> common.guid(c.link().replicationGroupGuid())),
        REPLICATION_GROUP_NAME(DfsrSchema.REPLICATION_GROUP_NAME,
                (c, common) -> common.string(c.link().replicationGroupName())),
        INBOUND(DfsrSchema.INBOUND, (c, common) -> CimValue.bool(c.inbound())),
        STATE(DfsrSchema.STATE, (c, common) -> CimValue.uint32(c.state().value())),
        LAST_SYNC_TIME(DfsrSchema.LAST_SYNC_TIME, (c, common) -> timestamp(sync(c).lastSyncTime())),
        LAST_SYNC_DURATION(DfsrSchema.LAST_SYNC_DURATION, (c, common) -> {
            Duration d = sync(c).lastSyncDuration();
            return d.isZero() ? ZERO : CimValue.uint32(Math.min(d.getSeconds(), 0xFFFF_FFFFL));
        }),
        LAST_SUCCESSFUL_SYNC_TIME(DfsrSchema.LAST_SUCCESSFUL_SYNC_TIME,
                (c, common) -> timestamp(sync(c).lastSuccessfulSyncTime())),
        /** Shared: sessions start at the slots of a schedule, so connections on one schedule have one next time. */
        NEXT_SYNC_TIME(DfsrSchema.NEXT_SYNC_TIME, (c, common) -> {
            Instant t = sync(c).nextSyncTime();
            return t == null ? NEVER : common.timestamp(t);
        }),
        LAST_ERROR_CODE(DfsrSchema.LAST_ERROR_CODE, (c, common) -> CimValue.uint32(c.lastError().code())),
        LAST_ERROR_MESSAGE_ID(DfsrSchema.LAST_ERROR_MESSAGE_ID,
                (c, common) -> CimValue.uint32(c.lastError().messageId()));

        final CimName property;
        private final Derivation derivation;

        Property(CimName property, Derivation derivation) {
            this.property = property;
            this.derivation = derivation;
        }

        CimValue of(Connection c, Common common) {
            return derivation.of(c, common);
        }

        /** {@code member <- partner} for an inbound connection, {@code member -> partner} for an outbound one. */
        private static String label(Connection c) {
            var s = c.link();
            return s.memberName() + (s.inbound() ? " <- " : " -> ") + s.partnerName();
        }

        private static CimValue connectionGuid(Connection c) {
            return CimValue.string(Guids.format(c.link().connectionGuid()));
        }

        /** The inbound-only properties keep their documented defaults on outbound connections. */
        private static SyncResults sync(Connection c) {
            return c.inbound() ? c.sync() : SyncResults.UNKNOWN;
        }
    }

    @FunctionalInterface
    private interface Derivation {
        CimValue of(Connection c, Common common);
    }

    private static final Property[] PROPERTIES = Property.values();

    /**
     * Values that many connections have in common: their member's and replication group's names and GUIDs, their
     * descriptions, the status texts and the next sync times. Each is one object, shared by every instance that
     * carries it; the query tables keep the instances they return, and without this each would hold its own copies
     * (about 400 bytes). Emptied when it passes {@link #MAX} entries, so a stream of new groups or sync times cannot
     * make it grow without end.
     */
    static final class Common {
        static final int MAX = 4096;

        private final Map<Object, CimValue> values = new ConcurrentHashMap<>();

        CimValue guid(UUID guid) {
            return get(guid, g -> CimValue.string(Guids.format((UUID) g)));
        }

        CimValue string(String text) {
            return get(text, t -> CimValue.string((String) t));
        }

        CimValue timestamp(Instant time) {
            return get(time, t -> CimTimestamp.of((Instant) t));
        }

        private CimValue get(Object key, Function<Object, CimValue> make) {
            CimValue v = values.get(key);
            if (v == null) {
                if (values.size() >= MAX) {
                    values.clear();
                }
                v = values.computeIfAbsent(key, make);
            }
            return v;
        }
    }

    private final Common common = new Common();

    /** Where each property sits in a class, both ways. */
    private record Layout(CimClass cimClass, int[] indexOf, Property[] atIndex) {
    }

    /**
     * The layout of the class last asked for. A provider serves one class object, so this is found by identity; a
     * map would hash the class, and {@link CimClass#hashCode()} hashes every property.
     */
    private volatile Layout layout;

    /**
     * The instance of {@code c}. Name and ConnectionGuid are one value object: the query tables keep every instance
     * they return, and a second copy of the GUID would cost each about 100 bytes.
     */
    CimInstance build(CimClass cimClass, Connection c) {
        int[] at = layout(cimClass).indexOf();
        CimInstance.Builder b = CimInstance.builder(cimClass);
        CimValue guid = Property.CONNECTION_GUID.of(c, common);
        for (Property p : PROPERTIES) {
            b.set(at[p.ordinal()], p == Property.NAME || p == Property.CONNECTION_GUID ? guid : p.of(c, common));
        }
        return b.build();
    }

    /**
     * The value of the property at {@code index} of {@code cimClass} in the instance {@link #build} makes of
     * {@code c}, without building the rest: the property's default when the provider does not set it.
     */
    CimValue value(CimClass cimClass, Connection c, int index) {
        Property p = layout(cimClass).atIndex()[index];
        return p != null ? p.of(c, common) : cimClass.properties().get(index).defaultValue();
    }

    private Layout layout(CimClass cimClass) {
        Layout l = layout;
        if (l == null || l.cimClass() != cimClass) {
            l = resolve(cimClass);
            layout = l;
        }
        return l;
    }

    private static Layout resolve(CimClass cimClass) {
        int[] indexOf = new int[PROPERTIES.length];
        Property[] atIndex = new Property[cimClass.properties().size()];
        for (Property p : PROPERTIES) {
            int i = cimClass.propertyIndex(p.property);
            if (i < 0) {
                throw new IllegalArgumentException(cimClass.name() + " has no property " + p.property);
            }
            indexOf[p.ordinal()] = i;
            atIndex[i] = p;
        }
        return new Layout(cimClass, indexOf, atIndex);
    }

    private static CimValue timestamp(Instant t) {
        return t == null ? NEVER : CimTimestamp.of(t);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
