package org.replprov.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimStatus;
import org.replprov.operation.EnumerationContexts.Continuation;
import org.replprov.operation.EnumerationContexts.Limits;
import org.replprov.operation.EnumerationContexts.Page;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.ManualScheduler;

class EnumerationContextsTest {

    private static final String NS = "root/MicrosoftDfs";
    private static final Continuation WITH_PATH = Continuation.PULL_INSTANCES_WITH_PATH;
    private static final Limits LIMITS = new Limits(Duration.ofSeconds(60), Duration.ofSeconds(600), 3, 5, 2);

    private final ManualScheduler time = new ManualScheduler();
    private final EnumerationContexts<String> contexts = new EnumerationContexts<>(LIMITS, time.clock());

    /** {@code n} distinct DfsrConnectionInfo instances, in order. */
    private static List<CimInstance> instances(int n) {
        List<CimInstance> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(DfsrFixture.connection(String.format("{00000000-0000-0000-0000-%012d}", i),
                    "{77777777-8888-9999-AAAA-BBBBBBBBBBBB}", "FS" + i, true, 1, "20240115103000.000000+000", 1,
                    "20240115103000.000000+000", "20240115110000.000000+000", 0, 0));
        }
        return out;
    }

    private Page<String> open(String principal, int items, long maxObjectCount) {
        return contexts.open(principal, NS, WITH_PATH, "view", instances(items), Duration.ofSeconds(60),
                maxObjectCount);
    }

    private static CimStatus status(Throwable t) {
        assertThat(t).isInstanceOf(CimException.class);
        return ((CimException) t).cimStatus();
    }

    @Test
    void pagesThroughEveryItemInOrderAndClosesAtTheEnd() {
        List<CimInstance> all = instances(10);
        Page<String> page = contexts.open("alice", NS, WITH_PATH, "view", all, Duration.ofSeconds(60), 3);
        List<CimInstance> seen = new ArrayList<>(page.items());
        List<Integer> sizes = new ArrayList<>(List.of(page.items().size()));
        String context = page.context();
        while (!page.endOfSequence()) {
            assertThat(page.context()).isEqualTo(context);
            page = contexts.pull("alice", NS, WITH_PATH, context, 3);
            seen.addAll(page.items());
            sizes.add(page.items().size());
        }
        assertThat(seen).isEqualTo(all);
        assertThat(sizes).containsExactly(3, 3, 3, 1);
        assertThat(page.context()).isNull();
        assertThat(page.session()).isEqualTo("view");
        assertThat(contexts.size()).isZero();
        assertThat(status(catchThrowableOfType(() -> contexts.pull("alice", NS, WITH_PATH, context, 3),
                EnumerationException.class))).isEqualTo(CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT);
    }

    @Test
    void anOpenThatReturnsEverythingKeepsNoSession() {
        Page<String> page = open("alice", 4, 4);
        assertThat(page.endOfSequence()).isTrue();
        assertThat(page.context()).isNull();
        assertThat(page.items()).hasSize(4);
        assertThat(contexts.size()).isZero();
    }

    @Test
    void maxObjectCountZeroReturnsNothingAndKeepsTheSession() {
        Page<String> page = open("alice", 2, 0);
        assertThat(page.items()).isEmpty();
        assertThat(page.endOfSequence()).isFalse();
        assertThat(contexts.remaining("alice", NS, page.context())).isEqualTo(2);
        Page<String> rest = contexts.pull("alice", NS, WITH_PATH, page.context(), 100);
        assertThat(rest.items()).hasSize(2);
        assertThat(rest.endOfSequence()).isTrue();
    }

    @Test
    void anOpenWithNoItemsEndsAtOnceEvenWithMaxObjectCountZero() {
        Page<String> page = open("alice", 0, 0);
        assertThat(page.endOfSequence()).isTrue();
        assertThat(contexts.size()).isZero();
    }

    @Test
    void contextsAreRandomAndUnguessable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String c = open("p" + i, 2, 1).context();
            // 128 bits in unpadded base64url: 22 characters.
            assertThat(c).matches("[A-Za-z0-9_-]{22}");
            assertThat(seen.add(c)).isTrue();
        }
    }

    @Test
    void aSessionExpiresItsTimeoutAfterTheLastOpenOrPull() {
        String context = open("alice", 10, 1).context();
        time.advance(Duration.ofSeconds(60));
        // Exactly at the timeout it is still there: DSP0200 asks for at least that long.
        assertThat(contexts.pull("alice", NS, WITH_PATH, context, 1).items()).hasSize(1);
        time.advance(Duration.ofSeconds(59));
        assertThat(contexts.pull("alice", NS, WITH_PATH, context, 1).items()).hasSize(1);
        time.advance(Duration.ofSeconds(61));
        assertThat(status(catchThrowableOfType(() -> contexts.pull("alice", NS, WITH_PATH, context, 1),
                EnumerationException.class))).isEqualTo(CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT);
        assertThat(contexts.size()).isZero();
    }

    @Test
    void enumerationCountDoesNotKeepASessionAlive() {
        String context = open("alice", 10, 1).context();
        time.advance(Duration.ofSeconds(50));
        assertThat(contexts.remaining("alice", NS, context)).isEqualTo(9);
        time.advance(Duration.ofSeconds(11));
        assertThatThrownBy(() -> contexts.remaining("alice", NS, context)).isInstanceOf(EnumerationException.class);
    }

    @Test
    void aSessionBelongsToItsPrincipalNamespaceAndPullOperation() {
        String context = open("alice", 10, 1).context();
        for (Runnable misuse : List.<Runnable>of(
                () -> contexts.pull("mallory", NS, WITH_PATH, context, 1),
                () -> contexts.close("mallory", NS, context),
                () -> contexts.remaining("mallory", NS, context),
                () -> contexts.pull("alice", "root/cimv2", WITH_PATH, context, 1),
                () -> contexts.pull("alice", NS, Continuation.PULL_INSTANCE_PATHS, context, 1),
                () -> contexts.pull("alice", NS, Continuation.PULL_INSTANCES, context, 1),
                () -> contexts.pull("alice", NS, WITH_PATH, context.substring(1) + "A", 1),
                () -> contexts.pull("alice", NS, WITH_PATH, null, 1))) {
            assertThat(status(catchThrowableOfType(misuse::run, EnumerationException.class)))
                    .isEqualTo(CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT);
        }
        // Nothing of that consumed or closed the session; namespaces compare ignoring case.
        assertThat(contexts.pull("alice", "ROOT/microsoftdfs", WITH_PATH, context, 1).items()).hasSize(1);
        assertThat(contexts.remaining("alice", NS, context)).isEqualTo(8);
    }

    @Test
    void anotherPrincipalIsToldNothingMoreThanForAnUnknownContext() {
        String context = open("alice", 10, 1).context();
        EnumerationException foreign = catchThrowableOfType(
                () -> contexts.pull("mallory", NS, WITH_PATH, context, 1), EnumerationException.class);
        EnumerationException unknown = catchThrowableOfType(
                () -> contexts.pull("mallory", NS, WITH_PATH, "AAAAAAAAAAAAAAAAAAAAAA", 1),
                EnumerationException.class);
        assertThat(foreign.getMessage()).isEqualTo(unknown.getMessage());
    }

    @Test
    void closeEndsTheSession() {
        String context = open("alice", 10, 1).context();
        contexts.close("alice", NS, context);
        assertThat(contexts.size()).isZero();
        assertThatThrownBy(() -> contexts.close("alice", NS, context)).isInstanceOf(EnumerationException.class);
    }

    @Test
    void eachPrincipalHoldsAtMostItsShareAndAllTogetherAtMostTheTotal() {
        IntStream.range(0, 3).forEach(i -> open("alice", 2, 1));
        assertThat(status(catchThrowableOfType(() -> open("alice", 2, 1), CimException.class)))
                .isEqualTo(CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED);
        // An enumeration that fits in its Open needs no session and is still served.
        assertThat(open("alice", 2, 2).items()).hasSize(2);
        // Another principal has its own share, up to the total of 5.
        open("bob", 2, 1);
        open("bob", 2, 1);
        assertThat(status(catchThrowableOfType(() -> open("carol", 2, 1), CimException.class)))
                .isEqualTo(CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED);
        assertThat(contexts.size()).isEqualTo(5);
    }

    @Test
    void expiredSessionsFreeTheirPlace() {
        IntStream.range(0, 3).forEach(i -> open("alice", 2, 1));
        time.advance(Duration.ofSeconds(61));
        assertThat(contexts.size()).as("dropped lazily").isEqualTo(3);
        open("alice", 2, 1);
        assertThat(contexts.size()).isEqualTo(1);
    }

    @Test
    void closedAndFinishedSessionsFreeTheirPlace() {
        String a = open("alice", 2, 1).context();
        String b = open("alice", 2, 1).context();
        open("alice", 2, 1);
        contexts.close("alice", NS, a);
        contexts.pull("alice", NS, WITH_PATH, b, 1);
        open("alice", 2, 1);
        open("alice", 2, 1);
        assertThat(contexts.size()).isEqualTo(3);
    }

    @Test
    void operationTimeoutNullIsTheDefaultZeroAndAboveTheMaximumAreRefused() {
        assertThat(contexts.timeout(null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(contexts.timeout(1L)).isEqualTo(Duration.ofSeconds(1));
        assertThat(contexts.timeout(600L)).isEqualTo(Duration.ofSeconds(600));
        for (long refused : new long[] {0, 601, 0xFFFF_FFFFL}) {
            assertThat(status(catchThrowableOfType(() -> contexts.timeout(refused), EnumerationException.class)))
                    .as("OperationTimeout " + refused).isEqualTo(CimStatus.CIM_ERR_INVALID_OPERATION_TIMEOUT);
        }
    }

    @Test
    void aShortTimeoutIsHonoured() {
        Page<String> page = contexts.open("alice", NS, WITH_PATH, "view", instances(3), contexts.timeout(2L), 1);
        time.advance(Duration.ofSeconds(3));
        assertThatThrownBy(() -> contexts.pull("alice", NS, WITH_PATH, page.context(), 1))
                .isInstanceOf(EnumerationException.class);
    }

    @Test
    void emptyPullsInARowAreBoundedAndTheBoundClosesTheSession() {
        String context = open("alice", 10, 1).context();
        contexts.pull("alice", NS, WITH_PATH, context, 0);
        contexts.pull("alice", NS, WITH_PATH, context, 0);
        // A pull that moves resets the count.
        contexts.pull("alice", NS, WITH_PATH, context, 1);
        contexts.pull("alice", NS, WITH_PATH, context, 0);
        contexts.pull("alice", NS, WITH_PATH, context, 0);
        assertThat(status(catchThrowableOfType(() -> contexts.pull("alice", NS, WITH_PATH, context, 0),
                CimException.class))).isEqualTo(CimStatus.CIM_ERR_SERVER_LIMITS_EXCEEDED);
        assertThat(contexts.size()).isZero();
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new Limits(Duration.ofSeconds(700), Duration.ofSeconds(600), 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(Duration.ZERO, Duration.ofSeconds(600), 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wmiClientsSeeTheNearestWmiStatus() {
        assertThat(new EnumerationException(CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT, "x").status().name())
                .isEqualTo("WBEM_E_INVALID_PARAMETER");
        assertThat(new EnumerationException(CimStatus.CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED, "x").status()
                .name()).isEqualTo("WBEM_E_NOT_SUPPORTED");
        assertThatThrownBy(() -> new EnumerationException(CimStatus.CIM_ERR_NOT_FOUND, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
