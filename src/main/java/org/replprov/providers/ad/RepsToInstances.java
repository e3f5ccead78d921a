package org.replprov.providers.ad;

import java.time.Instant;
import java.time.ZoneOffset;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimValue;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.RepsTo;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.cim.Guids;

/**
 * Builds the ReplProv_RepsTo instance of a {@code repsTo} value: each property is the field of MS-DRSR §5.173 it is
 * named after, as docs/ms-drsr-repsto.md, "The ReplProv_RepsTo class", lists them.
 */
final class RepsToInstances {

    private RepsToInstances() {
    }

    static CimInstance build(CimClass cimClass, RepsToEntry entry) {
        RepsTo r = entry.repsTo();
        return CimInstance.builder(cimClass)
                .set(RepsToSchema.NAMING_CONTEXT, CimValue.string(entry.namingContext()))
                .set(RepsToSchema.UUID_DSA, CimValue.string(Guids.format(r.uuidDsa())))
                .set(RepsToSchema.NA_DSA, CimValue.string(r.naDsa()))
                .set(RepsToSchema.OPTIONS, CimValue.uint32(Integer.toUnsignedLong(r.options().raw())))
                .set(RepsToSchema.OPTION_NAMES, CimValue.Array.ofStrings(r.optionNames()))
                .set(RepsToSchema.WRITABLE, CimValue.bool(r.writable()))
                .set(RepsToSchema.RESULT_LAST_ATTEMPT,
                        CimValue.uint32(Integer.toUnsignedLong(r.resultLastAttempt().code())))
                .set(RepsToSchema.RESULT_LAST_ATTEMPT_NAME,
                        r.resultLastAttempt().symbol().map(CimValue::string).orElse(null))
                .set(RepsToSchema.CONSECUTIVE_FAILURES, CimValue.uint32(r.consecutiveFailures()))
                .set(RepsToSchema.TIME_LAST_ATTEMPT, datetime(r.timeLastAttempt()))
                .set(RepsToSchema.TIME_LAST_SUCCESS, datetime(r.timeLastSuccess()))
                .build();
    }

    /**
     * A DSTIME as a CIM datetime in UTC. "Never" (0) is NULL, and so is a time outside the years 0000 to 9999 that a
     * CIM datetime can write: only a damaged value holds one, and a monitor shows it as unknown rather than fail.
     */
    static CimValue datetime(DsTime time) {
        return time.toInstant().filter(RepsToInstances::fitsCim).<CimValue>map(CimTimestamp::of).orElse(null);
    }

    private static boolean fitsCim(Instant t) {
        int year = t.atOffset(ZoneOffset.UTC).getYear();
        return year >= 0 && year <= 9999;
    }
}
