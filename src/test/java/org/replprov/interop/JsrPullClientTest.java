package org.replprov.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.UnsignedInteger32;
import org.metricshub.wbem.javax.wbem.CloseableIterator;
import org.metricshub.wbem.javax.wbem.WBEMException;
import org.metricshub.wbem.javax.wbem.client.EnumerateResponse;
import org.metricshub.wbem.javax.wbem.client.PasswordCredential;
import org.metricshub.wbem.javax.wbem.client.UserPrincipal;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;
import org.metricshub.wbem.javax.wbem.client.WBEMClientConstants;
import org.metricshub.wbem.javax.wbem.client.WBEMClientFactory;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.TestDaemon;

/**
 * The DSP0200 pull operations from a real client: the JSR-48 client (SBLIM CIM Client for Java, as
 * {@code org.metricshub:wbem-java}), whose {@code WBEMClient} sends OpenEnumerateInstances,
 * OpenEnumerateInstancePaths, OpenQueryInstances, the three Pull operations, CloseEnumeration and EnumerationCount,
 * against a daemon serving ten DfsrConnectionInfo instances ({@link FixtureProvider#numbered}).
 *
 * <p>The client insists on a class in the object path of every pull operation, though only the namespace is sent.
 */
class JsrPullClientTest {

    private static final String NS = DfsrFixture.NAMESPACE;
    private static final int INSTANCES = 10;
    private static final UnsignedInteger32 TIMEOUT = new UnsignedInteger32(30);
    private static TestDaemon daemon;
    private WBEMClient client;

    @BeforeAll
    static void start() {
        FixtureProvider provider = FixtureProvider.numbered(INSTANCES);
        daemon = TestDaemon.start(provider.objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    @BeforeEach
    void connect() throws WBEMException {
        client = client(TestDaemon.OPERATOR);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static String guid(int i) {
        return String.format("{00000000-0000-0000-0000-%012d}", i);
    }

    private static WBEMClient client(String user) throws WBEMException {
        WBEMClient c = WBEMClientFactory.getClient(WBEMClientConstants.PROTOCOL_CIMXML);
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(user));
        s.getPrivateCredentials().add(new PasswordCredential(TestDaemon.PASSWORD.toCharArray()));
        c.initialize(new CIMObjectPath("http", "127.0.0.1", Integer.toString(daemon.port()), null, null, null), s,
                new Locale[] {Locale.US});
        return c;
    }

    private static CIMObjectPath connectionClass() {
        return new CIMObjectPath(null, null, null, NS, "DfsrConnectionInfo", null);
    }

    private static UnsignedInteger32 u32(long v) {
        return new UnsignedInteger32(v);
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws WBEMException {
        List<T> out = new ArrayList<>();
        try {
            while (it.hasNext()) {
                out.add(it.next());
            }
            if (it.getWBEMException() != null) {
                throw it.getWBEMException();
            }
        } finally {
            it.close();
        }
        return out;
    }

    /** A Pull operation of the client, for {@link #pullAll}. */
    @FunctionalInterface
    private interface Pull<T> {
        EnumerateResponse<T> next(String context) throws WBEMException;
    }

    /** Pulls until the end of the sequence, recording each page's size. */
    private static <T> List<T> pullAll(EnumerateResponse<T> first, Pull<T> pull, List<Integer> sizes)
            throws WBEMException {
        List<T> all = new ArrayList<>();
        EnumerateResponse<T> r = first;
        while (true) {
            List<T> page = drain(r.getResponses());
            sizes.add(page.size());
            all.addAll(page);
            if (r.isEnd()) {
                return all;
            }
            assertThat(r.getContext()).matches("[A-Za-z0-9_-]{22}");
            r = pull.next(r.getContext());
        }
    }

    private static <T> List<Object> guids(List<T> items, Function<T, CIMObjectPath> path) {
        return items.stream().map(i -> (Object) path.apply(i).getKey("ConnectionGuid").getValue()).toList();
    }

    private static List<Object> allGuids() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            out.add(guid(i));
        }
        return out;
    }

    @Test
    void openEnumerateInstancesThenPullInstancesWithPathThreeAtATime() throws WBEMException {
        List<Integer> sizes = new ArrayList<>();
        List<CIMInstance> all = pullAll(client.enumerateInstances(connectionClass(), true, false, null, null, null,
                TIMEOUT, false, u32(3)), c -> client.getInstancesWithPath(connectionClass(), c, u32(3)), sizes);
        assertThat(sizes).containsExactly(3, 3, 3, 1);
        assertThat(guids(all, CIMInstance::getObjectPath)).isEqualTo(allGuids());
        CIMInstance first = all.get(0);
        assertThat(first.getPropertyValue("PartnerName")).isEqualTo("FS00");
        assertThat(first.getPropertyValue("State")).isEqualTo(u32(3));
        // VALUE.INSTANCEWITHPATH: the path carries the namespace and the host.
        assertThat(first.getObjectPath().getNamespace()).isEqualTo(NS);
        assertThat(first.getObjectPath().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void aPropertyListAppliesToEveryPage() throws WBEMException {
        List<CIMInstance> all = pullAll(client.enumerateInstances(connectionClass(), true, false,
                        new String[] {"PartnerName"}, null, null, TIMEOUT, false, u32(4)),
                c -> client.getInstancesWithPath(connectionClass(), c, u32(4)), new ArrayList<>());
        assertThat(all).hasSize(INSTANCES).allSatisfy(i -> {
            assertThat(i.getProperty("PartnerName")).isNotNull();
            assertThat(i.getProperty("State")).isNull();
        });
    }

    @Test
    void openEnumerateInstancePathsThenPullInstancePaths() throws WBEMException {
        List<Integer> sizes = new ArrayList<>();
        List<CIMObjectPath> all = pullAll(client.enumerateInstancePaths(connectionClass(), null, null, TIMEOUT,
                false, u32(0)), c -> client.getInstancePaths(connectionClass(), c, u32(4)), sizes);
        assertThat(sizes).containsExactly(0, 4, 4, 2);
        assertThat(guids(all, p -> p)).isEqualTo(allGuids());
    }

    @Test
    void openQueryInstancesWithWqlThenPullInstances() throws WBEMException {
        List<Integer> sizes = new ArrayList<>();
        List<CIMInstance> inError = pullAll(client.execQueryInstances(connectionClass(),
                        "SELECT PartnerName, State FROM DfsrConnectionInfo WHERE State = 3", "WQL", false, TIMEOUT,
                        false, u32(1), null),
                c -> client.getInstances(connectionClass(), c, u32(1)), sizes);
        assertThat(inError).extracting(i -> i.getPropertyValue("PartnerName"))
                .containsExactly("FS00", "FS03", "FS06", "FS09");
        assertThat(sizes).containsExactly(1, 1, 1, 1);
        assertThat(inError.get(0).getProperty("MemberName")).as("projected away").isNull();
    }

    @Test
    void queryErrorsAndUnsupportedLanguages() {
        WBEMException cql = catchThrowableOfType(() -> client.execQueryInstances(connectionClass(),
                "SELECT * FROM DfsrConnectionInfo", "DMTF:CQL", false, TIMEOUT, false, u32(5), null), WBEMException.class);
        assertThat(cql.getID()).isEqualTo(WBEMException.CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED);
        WBEMException bad = catchThrowableOfType(() -> client.execQueryInstances(connectionClass(), "SELEKT", "WQL",
                false, TIMEOUT, false, u32(5), null), WBEMException.class);
        assertThat(bad.getID()).isEqualTo(WBEMException.CIM_ERR_INVALID_QUERY);
    }

    /** The client has no EnumerationCount: it parses the answer, then throws "not supported by client". */
    @Test
    void closeEnumeration() throws WBEMException {
        EnumerateResponse<CIMInstance> r = client.enumerateInstances(connectionClass(), true, false, null, null, null,
                TIMEOUT, false, u32(4));
        assertThat(drain(r.getResponses())).hasSize(4);
        client.closeEnumeration(connectionClass(), r.getContext());
        WBEMException closed = catchThrowableOfType(() -> client.getInstancesWithPath(connectionClass(), r.getContext(),
                u32(4)), WBEMException.class);
        assertThat(closed.getID()).isEqualTo(WBEMException.CIM_ERR_INVALID_ENUMERATION_CONTEXT);
    }

    @Test
    void aContextExpiresItsOperationTimeoutAfterTheLastPull() throws Exception {
        EnumerateResponse<CIMInstance> r = client.enumerateInstances(connectionClass(), true, false, null, null, null,
                u32(1), false, u32(2));
        assertThat(drain(r.getResponses())).hasSize(2);
        Thread.sleep(2_200);
        WBEMException expired = catchThrowableOfType(() -> client.getInstancesWithPath(connectionClass(), r.getContext(),
                u32(2)), WBEMException.class);
        assertThat(expired.getID()).isEqualTo(WBEMException.CIM_ERR_INVALID_ENUMERATION_CONTEXT);
    }

    @Test
    void anotherUserCannotUseTheContext() throws WBEMException {
        EnumerateResponse<CIMInstance> r = client.enumerateInstances(connectionClass(), true, false, null, null, null,
                TIMEOUT, false, u32(2));
        WBEMClient reader = client(TestDaemon.READER);
        try {
            WBEMException foreign = catchThrowableOfType(() -> reader.getInstancesWithPath(connectionClass(),
                    r.getContext(), u32(2)), WBEMException.class);
            assertThat(foreign.getID()).isEqualTo(WBEMException.CIM_ERR_INVALID_ENUMERATION_CONTEXT);
            WBEMException close = catchThrowableOfType(() -> reader.closeEnumeration(connectionClass(), r.getContext()),
                    WBEMException.class);
            assertThat(close.getID()).isEqualTo(WBEMException.CIM_ERR_INVALID_ENUMERATION_CONTEXT);
        } finally {
            reader.close();
        }
        // The owner still has it, untouched.
        assertThat(drain(client.getInstancesWithPath(connectionClass(), r.getContext(), u32(100)).getResponses()))
                .hasSize(INSTANCES - 2);
    }

    @Test
    void theWrongPullOperationIsAnInvalidContext() throws WBEMException {
        EnumerateResponse<CIMObjectPath> r = client.enumerateInstancePaths(connectionClass(), null, null, TIMEOUT,
                false, u32(1));
        WBEMException wrong = catchThrowableOfType(() -> client.getInstancesWithPath(connectionClass(), r.getContext(),
                u32(1)), WBEMException.class);
        assertThat(wrong.getID()).isEqualTo(WBEMException.CIM_ERR_INVALID_ENUMERATION_CONTEXT);
        client.closeEnumeration(connectionClass(), r.getContext());
    }

    @Test
    void refusedOptions() {
        WBEMException continueOnError = catchThrowableOfType(() -> client.enumerateInstances(connectionClass(), true,
                false, null, null, null, TIMEOUT, true, u32(1)), WBEMException.class);
        assertThat(continueOnError.getID()).isEqualTo(WBEMException.CIM_ERR_CONTINUATION_ON_ERROR_NOT_SUPPORTED);
        WBEMException filtered = catchThrowableOfType(() -> client.enumerateInstancePaths(connectionClass(),
                "DMTF:FQL", "State = 3", TIMEOUT, false, u32(1)), WBEMException.class);
        assertThat(filtered.getID()).isEqualTo(WBEMException.CIM_ERR_FILTERED_ENUMERATION_NOT_SUPPORTED);
        WBEMException never = catchThrowableOfType(() -> client.enumerateInstances(connectionClass(), true, false,
                null, null, null, u32(0), false, u32(1)), WBEMException.class);
        assertThat(never.getID()).isEqualTo(WBEMException.CIM_ERR_INVALID_OPERATION_TIMEOUT);
        WBEMException tooLong = catchThrowableOfType(() -> client.enumerateInstances(connectionClass(), true, false,
                null, null, null, u32(601), false, u32(1)), WBEMException.class);
        assertThat(tooLong.getID()).isEqualTo(WBEMException.CIM_ERR_INVALID_OPERATION_TIMEOUT);
    }

    @Test
    void aUserHoldsAtMostSixteenOpenEnumerations() throws WBEMException {
        WBEMClient reader = client(TestDaemon.READER);
        List<String> open = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                open.add(reader.enumerateInstancePaths(connectionClass(), null, null, TIMEOUT, false, u32(0))
                        .getContext());
            }
            WBEMException limit = catchThrowableOfType(() -> reader.enumerateInstancePaths(connectionClass(), null,
                    null, TIMEOUT, false, u32(0)), WBEMException.class);
            assertThat(limit.getID()).isEqualTo(WBEMException.CIM_ERR_SERVER_LIMITS_EXCEEDED);
            // An enumeration that ends in its Open needs no context, so it still works.
            assertThat(drain(reader.enumerateInstancePaths(connectionClass(), null, null, TIMEOUT, false,
                    u32(100)).getResponses())).hasSize(INSTANCES);
            // Others are not affected.
            assertThat(client.enumerateInstancePaths(connectionClass(), null, null, TIMEOUT, false, u32(1))
                    .getContext()).isNotNull();
            reader.closeEnumeration(connectionClass(), open.remove(0));
            open.add(reader.enumerateInstancePaths(connectionClass(), null, null, TIMEOUT, false, u32(0))
                    .getContext());
        } finally {
            for (String c : open) {
                reader.closeEnumeration(connectionClass(), c);
            }
            reader.close();
        }
    }
}
