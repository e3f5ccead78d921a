package org.replprov.providers.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.replprov.providers.ad.RepsToFixture.EXAMPLE;
import static org.replprov.providers.ad.RepsToFixture.FAILING;
import static org.replprov.providers.ad.RepsToFixture.NS;
import static org.replprov.providers.ad.RepsToFixture.READ_ONLY;
import static org.replprov.providers.ad.RepsToFixture.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.engine.spi.RepsToListener;
import org.replprov.engine.spi.RepsToSource;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.IndicationStream;
import org.replprov.provider.spi.Indication;
import org.replprov.wql.InstanceEvent;

/** Intrinsic events for ReplProv_RepsTo: what the store changes, subscribers see, once per change. */
class RepsToEventsTest {

    private final RepsToFixture f = new RepsToFixture();

    @AfterEach
    void close() {
        f.close();
    }

    /** The failing partner after one more failed notification. */
    private static RepsTo failedAgain(RepsTo r) {
        return new RepsTo(r.naDsa(), r.uuidDsa(), r.options(), Win32Error.ERROR_DS_DRA_CONNECTION_FAILED,
                r.consecutiveFailures() + 1, DsTime.of(Instant.parse("2024-11-11T22:15:00Z")), r.timeLastSuccess());
    }

    @Test
    void modificationsCarryThePreviousInstance() {
        f.store.put(entry(EXAMPLE, FAILING));
        try (IndicationStream events = f.om.subscribe(NS,
                "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA 'ReplProv_RepsTo'")) {
            f.store.put(entry(EXAMPLE, failedAgain(FAILING)));
            f.store.put(entry(EXAMPLE, failedAgain(FAILING))); // the same value again: no change
            List<Indication> seen = events.drain();
            assertThat(seen).singleElement().satisfies(e -> {
                assertThat(e.previousInstance().value(RepsToSchema.CONSECUTIVE_FAILURES).text()).isEqualTo("2");
                assertThat(e.targetInstance().value(RepsToSchema.CONSECUTIVE_FAILURES).text()).isEqualTo("3");
                assertThat(e.targetInstance().value(RepsToSchema.RESULT_LAST_ATTEMPT_NAME).text())
                        .isEqualTo("ERROR_DS_DRA_CONNECTION_FAILED");
                assertThat(e.targetInstance().value(RepsToSchema.TIME_LAST_ATTEMPT).text())
                        .isEqualTo("20241111221500.000000+000");
            });
        }
    }

    @Test
    void eventQueriesFilterOnTheNewAndOldValues() {
        f.store.put(entry(EXAMPLE, READ_ONLY));
        try (IndicationStream failing = f.om.subscribe(NS, "SELECT * FROM __InstanceOperationEvent WITHIN 60 "
                + "WHERE TargetInstance ISA 'ReplProv_RepsTo' AND TargetInstance.ConsecutiveFailures > 0")) {
            f.store.put(entry(EXAMPLE, FAILING));
            f.store.put(entry(EXAMPLE, failedAgain(FAILING)));
            f.store.remove("dc=example,dc=com", READ_ONLY.uuidDsa());
            f.store.remove(EXAMPLE, FAILING.uuidDsa());
            assertThat(failing.drain()).extracting(Indication::kind).containsExactly(InstanceEvent.CREATION,
                    InstanceEvent.MODIFICATION, InstanceEvent.DELETION);
        }
    }

    @Test
    void replacingAnAttributeRaisesOneEventPerDifference() {
        f.store.put(entry(EXAMPLE, FAILING));
        f.store.put(entry(EXAMPLE, READ_ONLY));
        f.store.put(entry(RepsToFixture.CONFIGURATION, READ_ONLY));
        RepsTo samba = RepsToFixture.sambaAfterJoin();
        try (IndicationStream all = f.om.subscribe(NS,
                "SELECT * FROM __InstanceOperationEvent WHERE TargetInstance ISA 'ReplProv_RepsTo'")) {
            // A new read of the example NC: READ_ONLY unchanged, FAILING gone, the Samba partner new.
            f.store.replace(EXAMPLE, List.of(READ_ONLY, samba));
            assertThat(all.drain()).extracting(e -> e.kind() + " " + e.targetInstance().value(RepsToSchema.NA_DSA)
                    .text()).containsExactly("DELETION dc2.example.com",
                    "CREATION a7b01005-24dd-4ffd-958d-563590dd22dc._msdcs.probe.test");
        }
        assertThat(f.store.repsTo()).extracting(e -> e.namingContext() + " " + e.repsTo().uuidDsa()).containsExactly(
                "CN=Configuration,DC=example,DC=com " + READ_ONLY.uuidDsa(),
                "DC=example,DC=com " + READ_ONLY.uuidDsa(),
                "DC=example,DC=com " + samba.uuidDsa());
    }

    @Test
    void theProviderListensFromBuildUntilCloseAndLeavesTheSourceOpen() {
        List<RepsToListener> listeners = new ArrayList<>();
        RepsToSource source = new RepsToSource() {
            @Override
            public List<RepsToEntry> repsTo() {
                return List.of(entry(EXAMPLE, FAILING));
            }

            @Override
            public void addListener(RepsToListener listener) {
                listeners.add(listener);
            }

            @Override
            public void removeListener(RepsToListener listener) {
                listeners.remove(listener);
            }
        };
        RepsToProvider provider = RepsToProvider.builder().schema(MofCompiler.loadShippedSchema()).source(source)
                .build();
        assertThat(listeners).hasSize(1);
        listeners.get(0).repsToChanged(null, entry(EXAMPLE, FAILING)); // nobody subscribed: nothing to deliver
        provider.close();
        assertThat(listeners).isEmpty();
    }
}
