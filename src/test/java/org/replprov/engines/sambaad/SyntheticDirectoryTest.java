package org.replprov.engines.sambaad;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.replprov.engine.spi.Link;
import org.replprov.engine.spi.LinkHealth;

/** What a pass makes of 50 partners × 5 naming contexts, without a DC. */
class SyntheticDirectoryTest {

    @Test
    void fiftyPartnersTimesFiveNamingContexts() {
        var snapshot = SyntheticDirectory.of(50, 5);
        Map<UUID, Long> usns = new java.util.HashMap<>();
        snapshot.dsas().stream().skip(1).forEach(d -> usns.put(d.objectGuid(), 5000L));
        Refresh.Result r = Refresh.of(snapshot, usns, 2, Instant.parse("2026-01-01T00:00:10Z"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.links()).hasSize(100);
        assertThat(r.links().stream().filter(Link::inbound)).hasSize(50)
                .allSatisfy(l -> assertThat(l.scopes()).hasSize(5));
        assertThat(r.state().neighbors()).hasSize(250);
        assertThat(r.state().namingContexts()).allSatisfy(nc -> assertThat(nc.cursors()).hasSize(50));
        assertThat(r.repsTo().values()).allSatisfy(v -> assertThat(v).hasSize(50));
        assertThat(r.backlogs()).hasSize(250);
        // Partner 7 (and every seventh) failed three pulls in a row with WERR_CONNECTION_REFUSED: In Error.
        assertThat(r.health().stream().filter(h -> h.lastError() != null)).hasSize(7)
                .allSatisfy(h -> {
                    assertThat(h.retriesExhausted()).isTrue();
                    assertThat(h.lastError().code()).isEqualTo(1225);
                    assertThat(h.condition()).isEqualTo(LinkHealth.Condition.CONNECTING);
                });
        // Outbound links carry the partner's connection GUID; inbound ones the hub's.
        assertThat(r.links()).extracting(Link::connectionGuid).doesNotHaveDuplicates();
        assertThat(r.backlogs().get(0).items()).isEqualTo(5000 - 4001);
    }
}
