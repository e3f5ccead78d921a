package org.replprov.engines.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engine.spi.Backlog;
import org.replprov.engine.spi.Observation;
import org.replprov.engine.spi.Observer;
import org.replprov.engine.spi.ScopeState;
import org.replprov.engine.spi.ScopeState.State;

/**
 * The embedded engine's folder states (docs/dfsr-provider.md §10.2), row by row, as the engine reports them: a
 * received folder goes Initialized, Initial Sync, Normal on its first pass and starts Normal the next time; a pass
 * that cannot write the replica makes it In Error until one completes; the origin is Normal.
 */
class EmbeddedFolderStateTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    EmbeddedEngine engine;
    final Facts facts = new Facts();

    /** Collects the folder facts. */
    static final class Facts implements Observer {
        private final List<Observation> seen = new ArrayList<>();

        @Override
        public synchronized void observe(Observation fact) {
            if (fact instanceof ScopeState || fact instanceof Backlog) {
                seen.add(fact);
                notifyAll();
            }
        }

        synchronized List<ScopeState> states() {
            return seen.stream().filter(ScopeState.class::isInstance).map(ScopeState.class::cast).toList();
        }

        synchronized List<State> stateValues() {
            List<State> out = new ArrayList<>();
            for (ScopeState s : states()) {
                if (out.isEmpty() || out.get(out.size() - 1) != s.state()) {
                    out.add(s.state());
                }
            }
            return out;
        }

        synchronized List<Backlog> backlogs() {
            return seen.stream().filter(Backlog.class::isInstance).map(Backlog.class::cast).toList();
        }

        synchronized void await(Predicate<Facts> done) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(this)) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("folder facts so far: " + seen).isPositive();
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private void start(Map<String, String> settings) throws Exception {
        engine = Members.engine(settings, Clock.systemUTC());
        engine.start(facts);
    }

    @Test
    void theDocumentedTableIsTheOneTested() throws Exception {
        String doc = Files.readString(Path.of("docs/dfsr-provider.md"));
        assertThat(doc).contains(
                "| no inbound connection carries it: this member is its origin | Normal |",
                "| received, and its ID table has installed records (a pass completed before) | Normal |",
                "| received, nothing installed yet | Initialized |",
                "| received, nothing installed, its first pass running | Initial Sync |",
                "| a pass over it completed | Normal |",
                "| a pass could not write the local replica | In Error, with the failure's words, until a pass completes |");
    }

    @Test
    void aReceivedFolderGoesThroughItsInitialSyncOnceAndReportsSizesAndBacklog() throws Exception {
        Members.write(dir.resolve("upstream/docs/a.txt"), "alpha");
        start(Members.settings(dir, "file:upstream"));
        facts.await(f -> f.stateValues().contains(State.NORMAL));
        assertThat(facts.stateValues()).containsExactly(State.INITIALIZED, State.INITIAL_SYNC, State.NORMAL);
        ScopeState normal = facts.states().get(facts.states().size() - 1);
        assertThat(normal.scope().guid()).isEqualTo(Members.docs(engine));
        assertThat(normal.scope().name()).isEqualTo("docs");
        assertThat(normal.lastError()).isNull();
        assertThat(normal.local().memberName()).isEqualTo("branch1");
        assertThat(normal.local().replicationGroupName()).isEqualTo("Demo");
        assertThat(normal.local().memberGuid()).isEqualTo(engine.settings().member().guid());
        assertThat(normal.sizes()).as("staging and ConflictAndDeleted exist and are empty after the pass")
                .isEqualTo(new ScopeState.Sizes(0, 0, null));
        facts.await(f -> !f.backlogs().isEmpty());
        Backlog b = facts.backlogs().get(0);
        assertThat(b.connectionGuid()).isEqualTo(Members.inbound(engine));
        assertThat(b.items()).isZero();

        engine.close();
        engine = null;
        Facts again = new Facts();
        engine = Members.engine(Members.settings(dir, "file:upstream"), Clock.systemUTC());
        engine.start(again);
        again.await(f -> !f.states().isEmpty());
        assertThat(again.stateValues().get(0)).as("something was installed before: no initial sync")
                .isEqualTo(State.NORMAL);
    }

    @Test
    void aPassThatCannotWriteTheReplicaPutsTheFolderInErrorUntilOneCompletes() throws Exception {
        Members.write(dir.resolve("upstream/docs/a.txt"), "alpha");
        // A file where the engine's private directory goes: the replica cannot be prepared.
        Members.write(dir.resolve("replica/docs/DfsrPrivate"), "in the way");
        start(Members.settings(dir, "file:upstream"));
        facts.await(f -> f.stateValues().contains(State.IN_ERROR));
        ScopeState error = facts.states().stream().filter(s -> s.state() == State.IN_ERROR).findFirst().orElseThrow();
        assertThat(error.lastError().text()).startsWith("the local replica cannot be written");
        assertThat(facts.stateValues()).startsWith(State.INITIALIZED, State.INITIAL_SYNC, State.IN_ERROR);

        Files.delete(dir.resolve("replica/docs/DfsrPrivate"));
        facts.await(f -> f.stateValues().get(f.stateValues().size() - 1) == State.NORMAL);
        assertThat(Files.readString(dir.resolve("replica/docs/a.txt"))).isEqualTo("alpha");
    }

    @Test
    void cleanupConflictDirectoryEmptiesItAndReportsTheTime() throws Exception {
        Map<String, String> s = Members.settings(dir, "file:upstream");
        s.keySet().removeIf(k -> k.startsWith("inbound."));
        Path conflicts = dir.resolve("replica/docs/DfsrPrivate/ConflictAndDeleted");
        Members.write(conflicts.resolve("sub/old-20261121T094500123Z.txt"), "x".repeat(3000));
        Members.write(dir.resolve("replica/docs/kept.txt"), "kept");
        start(s);
        facts.await(f -> !f.states().isEmpty());
        engine.cleanupConflictDirectory(Members.docs(engine));
        facts.await(f -> f.states().get(f.states().size() - 1).sizes().lastConflictCleanup() != null);
        ScopeState after = facts.states().get(facts.states().size() - 1);
        assertThat(after.sizes().conflictBytes()).isZero();
        assertThat(after.state()).isEqualTo(State.NORMAL);
        try (var left = Files.list(conflicts)) {
            assertThat(left).as("emptied, the directory kept").isEmpty();
        }
        assertThat(Files.readString(dir.resolve("replica/docs/kept.txt"))).isEqualTo("kept");
        assertThatThrownBy(() -> engine.cleanupConflictDirectory(java.util.UUID.randomUUID()))
                .isInstanceOfSatisfying(org.replprov.engine.spi.EngineException.class,
                        e -> assertThat(e.returnCode()).hasValue(1168));
    }

    @Test
    void theOriginOfAFolderIsNormalFromTheStart() throws Exception {
        Map<String, String> s = Members.settings(dir, "file:upstream");
        s.keySet().removeIf(k -> k.startsWith("inbound."));
        Members.write(dir.resolve("replica/docs/DfsrPrivate/ConflictAndDeleted/old.txt"), "x".repeat(3000));
        start(s);
        facts.await(f -> !f.states().isEmpty());
        ScopeState origin = facts.states().get(0);
        assertThat(origin.state()).isEqualTo(State.NORMAL);
        assertThat(origin.sizes().conflictBytes()).isEqualTo(3000);
        assertThat(origin.sizes().stagingBytes()).isZero();
    }
}
