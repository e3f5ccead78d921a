package org.replprov.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimStatus;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.provider.ObjectManager;
import org.replprov.provider.Request;
import org.replprov.provider.spi.Caller;
import org.replprov.provider.spi.MethodResult;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;

/**
 * The operation service on its own, with an encoder that records what it is handed: authorization happens once, in
 * the service, before any provider runs; outcomes are the same whatever the encoder; pull sessions belong to the user
 * who opened them; an error before the answer was committed replaces it, one after it is rethrown.
 */
class OperationServiceTest {

    private static final String NS = DfsrFixture.NAMESPACE;
    private static final CimName CONNECTIONS = DfsrFixture.CONNECTION_INFO.name();
    private static final Request READER = new Request("req-1", new Caller("rita", Caller.Role.READER));
    private static final Request OPERATOR = new Request("req-2", new Caller("otto", Caller.Role.OPERATOR));

    private final FixtureProvider provider = FixtureProvider.numbered(5);
    private final ObjectManager om = provider.objectManager();
    private final OperationService service = new OperationService(om);

    @AfterEach
    void close() {
        om.close();
    }

    private static Operation.InvokeMethod forceReplication() {
        CimObjectPath path = CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\"{00000000-0000-0000-0000-"
                + "000000000001}\"");
        return new Operation.InvokeMethod(NS, path, CimName.of("ForceReplication"),
                Map.of(CimName.of("Mode"), CimValue.uint32(2), CimName.of("DurationInMin"), CimValue.uint32(15),
                        CimName.of("Bandwidth"), CimValue.uint32(15)));
    }

    @Test
    void aReaderMayNotInvokeAMethodAndNoProviderRuns() throws IOException {
        Recorder out = new Recorder(true);
        Outcome outcome = service.run(READER, "ForceReplication", forceReplication(), out);
        assertThat(out.events).containsExactly("denied CIM_ERR_ACCESS_DENIED");
        assertThat(provider.callCount()).isZero();
        assertThat(outcome.failure()).get().extracting(CimException::status)
                .isEqualTo(WbemStatus.WBEM_E_ACCESS_DENIED);
        assertThat(outcome.operation()).isEqualTo("ForceReplication");
    }

    @Test
    void anOperatorMayInvokeAndAReaderMayRead() throws IOException {
        Recorder invoked = new Recorder(true);
        Outcome outcome = service.run(OPERATOR, "ForceReplication", forceReplication(), invoked);
        assertThat(invoked.events).containsExactly("methodResult ForceReplication 0", "finish");
        assertThat(outcome).isEqualTo(Outcome.success("ForceReplication", 1));
        assertThat(provider.callCount()).isOne();

        Recorder read = new Recorder(true);
        outcome = service.run(READER, "EnumerateInstances", new Operation.EnumerateInstances(NS, CONNECTIONS, true,
                false, false, PropertyList.ALL), read);
        assertThat(read.events).hasSize(8).startsWith("start EnumerateInstances").endsWith("end", "finish");
        assertThat(outcome).isEqualTo(Outcome.success("EnumerateInstances", 5));
    }

    @Test
    void aSessionBelongsToTheUserWhoOpenedIt() throws IOException {
        Recorder opened = new Recorder(true);
        service.run(READER, "OpenEnumerateInstancePaths", new Operation.OpenEnumerateInstancePaths(NS, CONNECTIONS,
                null, null, new Operation.OpenOptions(null, false, 2)), opened);
        assertThat(opened.events).containsExactly("page 2 open", "finish");
        String context = opened.context;

        Operation.Pull pull = new Operation.Pull(NS, EnumerationContexts.Continuation.PULL_INSTANCE_PATHS, context, 10);
        Recorder other = new Recorder(true);
        Outcome outcome = service.run(OPERATOR, "PullInstancePaths", pull, other);
        assertThat(other.events).containsExactly("rewind", "error CIM_ERR_INVALID_ENUMERATION_CONTEXT");
        assertThat(outcome.failure()).get().extracting(CimException::cimStatus)
                .isEqualTo(CimStatus.CIM_ERR_INVALID_ENUMERATION_CONTEXT);

        Recorder owner = new Recorder(true);
        assertThat(service.run(READER, "PullInstancePaths", pull, owner))
                .isEqualTo(Outcome.success("PullInstancePaths", 3));
        assertThat(owner.events).containsExactly("page 3 end", "finish");
    }

    @Test
    void anErrorAfterTheAnswerWasCommittedIsRethrown() {
        Recorder committed = new Recorder(false);
        CimException e = catchThrowableOfType(() -> service.run(READER, "GetInstance", new Operation.GetInstance(NS,
                CimObjectPath.parse("DfsrConnectionInfo.ConnectionGuid=\"{99999999-0000-0000-0000-000000000000}\""),
                false, false, PropertyList.ALL), committed), CimException.class);
        assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_NOT_FOUND);
        assertThat(committed.events).containsExactly("rewind");
    }

    /** Records what the service hands it, one line per call. */
    private static final class Recorder implements ResultEncoder {
        final List<String> events = new ArrayList<>();
        final boolean canRewind;
        String context;

        Recorder(boolean canRewind) {
            this.canRewind = canRewind;
        }

        @Override
        public void classes(Operation op, List<CimClass> classes) {
            events.add("classes " + classes.size());
        }

        @Override
        public void instance(Operation.GetInstance op, CimInstance instance) {
            events.add("instance " + instance.path());
        }

        @Override
        public void startInstances(Operation op, CimClass shallow) {
            events.add("start " + op.getClass().getSimpleName());
        }

        @Override
        public void streamed(CimInstance instance) {
            events.add("instance");
        }

        @Override
        public void endInstances() {
            events.add("end");
        }

        @Override
        public void methodResult(Operation.InvokeMethod op, CimMethod method, MethodResult result) {
            events.add("methodResult " + method.name() + " " + result.returnValue().text());
        }

        @Override
        public void page(Operation op, EnumerationContexts.Page<OperationService.OpenEnumeration> page) {
            context = page.context();
            events.add("page " + page.items().size() + (page.endOfSequence() ? " end" : " open"));
        }

        @Override
        public void count(Operation.EnumerationCount op, long remaining) {
            events.add("count " + remaining);
        }

        @Override
        public void closed(Operation.CloseEnumeration op) {
            events.add("closed");
        }

        @Override
        public void finish() {
            events.add("finish");
        }

        @Override
        public boolean rewind() {
            events.add("rewind");
            return canRewind;
        }

        @Override
        public void error(Operation op, CimException e) {
            events.add("error " + e.cimStatus());
        }

        @Override
        public void denied(Operation op, CimException e) {
            events.add("denied " + e.cimStatus());
        }
    }
}
