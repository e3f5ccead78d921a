package org.replprov.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimInstance;
import org.replprov.cim.WbemStatus;
import org.replprov.repository.ClassRepository;

/** Intrinsic event queries (WMI SDK "SELECT Statement for Event Queries", MS-WMI §3.1.4.3.20). */
class EventFilterTest {

    private final ClassRepository repository = TestSchema.repository();
    private final CimInstance online = connection("c1", 1);
    private final CimInstance inError = connection("c1", 3);
    private final CimInstance member = CimInstance.builder(TestSchema.MEMBER).set("Name", "m1").build();

    @Test
    void modificationWithTargetAndPreviousInstance() {
        EventFilter f = filter("SELECT * FROM __InstanceModificationEvent WITHIN 10 WHERE TargetInstance ISA "
                + "'DfsrConnectionInfo' AND TargetInstance.State = 3 AND PreviousInstance.State <> 3");
        assertThat(f.eventClass()).isEqualTo(InstanceEvent.MODIFICATION);
        assertThat(f.occurrences()).containsExactly(InstanceEvent.MODIFICATION);
        assertThat(f.targetClass()).isSameAs(TestSchema.DFSR_CONNECTION_INFO);
        assertThat(f.within()).contains(Duration.ofSeconds(10));
        assertThat(f.matches(InstanceEvent.MODIFICATION, inError, online)).isTrue();
        assertThat(f.matches(InstanceEvent.MODIFICATION, inError, inError)).isFalse();
        assertThat(f.matches(InstanceEvent.MODIFICATION, online, inError)).isFalse();
        assertThat(f.matches(InstanceEvent.CREATION, inError, null)).isFalse();
    }

    @Test
    void theTargetClassCoversItsSubclassesOnly() {
        EventFilter f = filter("SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo'");
        CimInstance ex = CimInstance.builder(TestSchema.CONNECTION_EX).set("ConnectionGuid", "x1").build();
        assertThat(f.within()).isEmpty();
        assertThat(f.matches(InstanceEvent.CREATION, online, null)).isTrue();
        assertThat(f.matches(InstanceEvent.CREATION, ex, null)).isTrue();
        assertThat(f.matches(InstanceEvent.CREATION, member, null)).isFalse();
        assertThat(f.matches(InstanceEvent.DELETION, online, null)).isFalse();
    }

    @Test
    void operationEventsCoverAllThreeAndClassNamesTheOccurrence() {
        EventFilter f = filter("SELECT * FROM __InstanceOperationEvent WITHIN 0.25 WHERE TargetInstance ISA "
                + "'DfsrConnectionInfo' AND (__CLASS = '__InstanceDeletionEvent' OR TargetInstance.State = 3)");
        assertThat(f.occurrences()).containsExactlyInAnyOrder(InstanceEvent.CREATION, InstanceEvent.MODIFICATION,
                InstanceEvent.DELETION);
        assertThat(f.within()).contains(Duration.ofMillis(250));
        assertThat(f.matches(InstanceEvent.DELETION, online, null)).isTrue();
        assertThat(f.matches(InstanceEvent.CREATION, online, null)).isFalse();
        assertThat(f.matches(InstanceEvent.CREATION, inError, null)).isTrue();
        assertThat(f.matches(InstanceEvent.MODIFICATION, inError, online)).isTrue();
    }

    @Test
    void secondaryIsaAndClassTestsOnTheTarget() {
        EventFilter f = filter("SELECT * FROM __InstanceDeletionEvent WHERE TargetInstance ISA 'CIM_LogicalElement' "
                + "AND NOT TargetInstance ISA 'Test_ConnectionEx' AND TargetInstance.__CLASS LIKE 'Dfsr%'");
        CimInstance ex = CimInstance.builder(TestSchema.CONNECTION_EX).set("ConnectionGuid", "x1").build();
        assertThat(f.matches(InstanceEvent.DELETION, online, null)).isTrue();
        assertThat(f.matches(InstanceEvent.DELETION, ex, null)).isFalse();
    }

    @Test
    void refusals() {
        assertError("SELECT * FROM DfsrConnectionInfo WHERE TargetInstance ISA 'DfsrConnectionInfo'",
                WbemStatus.WBEM_E_NOT_EVENT_CLASS, 15);
        assertError("SELECT * FROM __ClassCreationEvent WHERE TargetClass ISA 'DfsrConnectionInfo'",
                WbemStatus.WBEM_E_INVALID_CLASS, 15);
        assertError("SELECT * FROM __InstanceCreationEvent WITHIN 5", WbemStatus.WBEM_E_REGISTRATION_TOO_BROAD, 15);
        assertError("SELECT * FROM __InstanceCreationEvent WHERE TargetInstance.State = 3 OR "
                + "TargetInstance ISA 'DfsrConnectionInfo'", WbemStatus.WBEM_E_REGISTRATION_TOO_BROAD, 15);
        assertError("SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'NoSuchClass'",
                WbemStatus.WBEM_E_INVALID_CLASS, 65);
        assertError("SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo' "
                + "AND PreviousInstance.State = 1", WbemStatus.WBEM_E_INVALID_QUERY, 89);
        assertError("SELECT * FROM __InstanceOperationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo' "
                + "AND PreviousInstance.State = 1", WbemStatus.WBEM_E_INVALID_QUERY, 90);
        assertError("SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo' "
                + "AND TargetInstance.Nope = 1", WbemStatus.WBEM_E_INVALID_QUERY, 89);
        assertError("SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo' "
                + "AND TargetInstance.State.X = 1", WbemStatus.WBEM_E_PROPERTY_NOT_AN_OBJECT, 89);
        assertError("SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo' "
                + "AND TIME_CREATED > 5", WbemStatus.WBEM_E_NOT_SUPPORTED, 89);
        assertError("SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo' "
                + "AND TargetInstance = 5", WbemStatus.WBEM_E_INVALID_QUERY, 89);
        assertError("SELECT TargetInstance FROM __InstanceCreationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo'",
                WbemStatus.WBEM_E_NOT_SUPPORTED, 8);
    }

    @Test
    void contractViolationsByTheCallerAreIllegalArguments() {
        EventFilter f = filter("SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo'");
        assertThatThrownBy(() -> f.matches(InstanceEvent.MODIFICATION, online, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.matches(InstanceEvent.MODIFICATION, online, member))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.matches(InstanceEvent.OPERATION, online, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private EventFilter filter(String query) {
        return Wql.parse(query).compileEventFilter(repository, TestSchema.NAMESPACE);
    }

    private void assertError(String query, WbemStatus status, int column) {
        assertThatThrownBy(() -> filter(query)).as(query).isInstanceOfSatisfying(WqlParseException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
    }

    private static CimInstance connection(String guid, long state) {
        return CimInstance.builder(TestSchema.DFSR_CONNECTION_INFO).set("ConnectionGuid", guid).set("State", state)
                .build();
    }
}
