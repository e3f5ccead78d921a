package org.replprov.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.replprov.engine.spi.Capability;
import org.replprov.engine.spi.EngineException;
import org.replprov.engine.spi.IdRecordQuery;
import org.replprov.engine.spi.IdRecordSource;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.Uid;
import org.replprov.testing.FakeEngine;

/**
 * {@link TimedEngine} as an {@link IdRecordSource}: the call reaches an engine that implements it with the query and
 * limit unchanged; an engine without it is refused with ERROR_NOT_SUPPORTED without a call; an engine that answers
 * more records than asked for is failed rather than believed, since the caller sized its memory by the limit.
 */
class TimedIdRecordsTest {

    private static final IdRecordSource.Record RECORD = new IdRecordSource.Record(UUID.randomUUID(),
            new Uid(UUID.randomUUID(), 1), "a.txt", null, null, false, true, null, null);

    /** Answers {@code answer} records whatever the limit. */
    record Source(int answer, List<Object> asked) implements ReplicationEngine, IdRecordSource {
        @Override
        public Page idRecords(IdRecordQuery query, int limit) {
            asked.add(query);
            asked.add(limit);
            return new Page(java.util.Collections.nCopies(answer, RECORD), false);
        }

        @Override
        public void start(Observer observer) {
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void passesTheQueryAndTheLimitAndRefusesWhatTheEngineCannotDo() throws Exception {
        Source honest = new Source(1, new java.util.ArrayList<>());
        Source flooding = new Source(3, new java.util.ArrayList<>());
        try (EngineHost host = EngineHost.builder().engine("honest", honest).engine("flooding", flooding)
                .engine("plain", new FakeEngine(Clock.systemUTC())).timeout(Duration.ofSeconds(5)).build()) {
            host.start();
            IdRecordQuery q = IdRecordQuery.ALL.withFileName("a.txt");
            TimedEngine e = host.engine("honest").orElseThrow();
            assertThat(e.servesIdRecords()).isTrue();
            assertThat(e.idRecords(q, 2).records()).containsExactly(RECORD);
            assertThat(honest.asked()).containsExactly(q, 2);

            TimedEngine plain = host.engine("plain").orElseThrow();
            assertThat(plain.servesIdRecords()).isFalse();
            assertThatThrownBy(() -> plain.idRecords(q, 2)).isInstanceOfSatisfying(EngineException.class,
                    ex -> assertThat(ex.returnCode()).hasValue(EngineException.ERROR_NOT_SUPPORTED));

            assertThatThrownBy(() -> host.engine("flooding").orElseThrow().idRecords(q, 2))
                    .isInstanceOfSatisfying(EngineException.class, ex -> {
                        assertThat(ex.kind()).isEqualTo(EngineException.Kind.FAILED);
                        assertThat(ex.getMessage()).contains("3 ID records where 2 were asked for");
                    });
        }
    }
}
