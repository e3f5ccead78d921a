package org.replprov.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.metricshub.wbem.javax.cim.CIMArgument;
import org.metricshub.wbem.javax.cim.CIMClass;
import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.cim.UnsignedInteger32;
import org.metricshub.wbem.javax.wbem.CloseableIterator;
import org.metricshub.wbem.javax.wbem.WBEMException;
import org.metricshub.wbem.javax.wbem.client.PasswordCredential;
import org.metricshub.wbem.javax.wbem.client.UserPrincipal;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;
import org.metricshub.wbem.javax.wbem.client.WBEMClientConstants;
import org.metricshub.wbem.javax.wbem.client.WBEMClientFactory;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureOperations;
import org.replprov.testing.TestDaemon;

/**
 * The JSR-48 client (the SBLIM CIM Client for Java, as {@code org.metricshub:wbem-java}) against the daemon. It sends
 * its first request without credentials and authenticates only after a 401 challenge, so these tests also prove the
 * challenge.
 */
class JsrClientTest {

    private static final String NS = DfsrFixture.NAMESPACE;
    private static FixtureOperations operations;
    private static TestDaemon daemon;
    private WBEMClient client;

    @BeforeAll
    static void start() {
        operations = FixtureOperations.dfsr();
        daemon = TestDaemon.start(operations);
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

    static WBEMClient client(String user) throws WBEMException {
        WBEMClient c = WBEMClientFactory.getClient(WBEMClientConstants.PROTOCOL_CIMXML);
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(user));
        s.getPrivateCredentials().add(new PasswordCredential(TestDaemon.PASSWORD.toCharArray()));
        c.initialize(new CIMObjectPath("http", "127.0.0.1", Integer.toString(daemon.port()), null, null, null), s,
                new Locale[] {Locale.US});
        return c;
    }

    private static CIMObjectPath namespace() {
        return new CIMObjectPath(null, null, null, NS, null, null);
    }

    private static CIMObjectPath connectionClass() {
        return new CIMObjectPath(null, null, null, NS, "DfsrConnectionInfo", null);
    }

    private static CIMObjectPath connection(String guid) {
        return new CIMObjectPath(null, null, null, NS, "DfsrConnectionInfo", new CIMProperty<?>[] {
            new CIMProperty<>("ConnectionGuid", CIMDataType.STRING_T, guid, true, false, null)});
    }

    private static <T> List<T> drain(CloseableIterator<T> it) throws WBEMException {
        List<T> out = new ArrayList<>();
        try {
            while (it.hasNext()) {
                out.add(it.next());
            }
            WBEMException e = it.getWBEMException();
            if (e != null) {
                throw e;
            }
        } finally {
            it.close();
        }
        return out;
    }

    private List<CIMInstance> query(String wql) throws WBEMException {
        return drain(client.execQuery(namespace(), wql, "WQL"));
    }

    @Test
    void execQueryWithSeveralQueries() throws WBEMException {
        assertThat(query("SELECT * FROM DfsrConnectionInfo")).hasSize(2);

        List<CIMInstance> inError = query("SELECT * FROM DfsrConnectionInfo WHERE State = 3");
        assertThat(inError).hasSize(1);
        assertThat(inError.get(0).getPropertyValue("PartnerName")).isEqualTo("FS02");
        assertThat(inError.get(0).getPropertyValue("State")).isEqualTo(new UnsignedInteger32(3));
        assertThat(inError.get(0).getPropertyValue("Inbound")).isEqualTo(Boolean.TRUE);
        assertThat(inError.get(0).getObjectPath().getKey("ConnectionGuid").getValue()).isEqualTo(DfsrFixture.GUID_1);

        List<CIMInstance> projected = query("SELECT PartnerName FROM DfsrConnectionInfo WHERE Inbound = FALSE");
        assertThat(projected).hasSize(1);
        assertThat(projected.get(0).getPropertyValue("PartnerName")).isEqualTo("FS03");
        assertThat(projected.get(0).getProperty("MemberName")).isNull();

        assertThat(query("SELECT * FROM DfsrConnectionInfo WHERE PartnerName = 'nobody'")).isEmpty();
    }

    @Test
    void execQueryErrorsCarryTheirCimStatus() {
        WBEMException invalid = catchThrowableOfType(() -> query("SELEKT nothing"), WBEMException.class);
        assertThat(invalid.getID()).isEqualTo(WBEMException.CIM_ERR_INVALID_QUERY);
        WBEMException language = catchThrowableOfType(
                () -> drain(client.execQuery(namespace(), "SELECT * FROM DfsrConnectionInfo", "CQL")),
                WBEMException.class);
        assertThat(language.getID()).isEqualTo(WBEMException.CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED);
    }

    @Test
    void enumerateInstances() throws WBEMException {
        List<CIMInstance> all = drain(client.enumerateInstances(connectionClass(), true, false, false, null));
        assertThat(all).extracting(i -> i.getPropertyValue("PartnerName")).containsExactly("FS02", "FS03");
        assertThat(all.get(0).getPropertyValue("LastErrorCode")).isEqualTo(new UnsignedInteger32(9033));
        assertThat(all.get(0).getPropertyValue("LastSyncTime").toString()).isEqualTo("20240115103000.000000+000");
    }

    @Test
    void enumerateInstanceNamesAndClasses() throws WBEMException {
        assertThat(drain(client.enumerateInstanceNames(connectionClass())))
                .extracting(p -> (Object) p.getKey("ConnectionGuid").getValue())
                .containsExactly(DfsrFixture.GUID_1, DfsrFixture.GUID_2);
        assertThat(drain(client.enumerateClassNames(namespace(), true))).extracting(CIMObjectPath::getObjectName)
                .contains("DfsrConnectionInfo");
        CIMClass c = client.getClass(connectionClass(), false, true, false, null);
        assertThat(c.getSuperClassName()).isEqualTo("CIM_LogicalElement");
        assertThat(c.getMethod("ForceReplication").getParameters()).hasSize(3);
    }

    @Test
    void getInstance() throws WBEMException {
        CIMInstance i = client.getInstance(connection(DfsrFixture.GUID_2), false, false, null);
        assertThat(i.getPropertyValue("PartnerName")).isEqualTo("FS03");
        assertThat(i.getPropertyValue("State")).isEqualTo(new UnsignedInteger32(1));
    }

    @Test
    void getInstanceOfAMissingKeyIsNotFound() {
        WBEMException e = catchThrowableOfType(() -> client.getInstance(
                connection("{00000000-0000-0000-0000-000000000000}"), false, false, null), WBEMException.class);
        assertThat(e.getID()).isEqualTo(WBEMException.CIM_ERR_NOT_FOUND);
    }

    @Test
    void invokeMethod() throws WBEMException {
        Object rv = client.invokeMethod(connection(DfsrFixture.GUID_1), "ForceReplication", new CIMArgument<?>[] {
            new CIMArgument<>("Mode", CIMDataType.UINT32_T, new UnsignedInteger32(3)),
            new CIMArgument<>("DurationInMin", CIMDataType.UINT32_T, new UnsignedInteger32(60)),
            new CIMArgument<>("Bandwidth", CIMDataType.UINT32_T, new UnsignedInteger32(0))},
            new CIMArgument<?>[4]);
        assertThat(rv).isEqualTo(new UnsignedInteger32(0));
        FixtureOperations.Call call = operations.calls().get(operations.calls().size() - 1);
        assertThat(call.parameters()).extracting(p -> p.value()).containsExactly(CimValue.uint32(3),
                CimValue.uint32(60), CimValue.uint32(0));

        Object rejected = client.invokeMethod(connection(DfsrFixture.GUID_1), "ForceReplication",
                new CIMArgument<?>[] {new CIMArgument<>("Mode", CIMDataType.UINT32_T, new UnsignedInteger32(7))},
                new CIMArgument<?>[4]);
        assertThat(rejected).isEqualTo(new UnsignedInteger32(87));
        assertThat(client.invokeMethod(connection(DfsrFixture.GUID_2), "CheckConnectivity", new CIMArgument<?>[0],
                new CIMArgument<?>[1])).isEqualTo(new UnsignedInteger32(0));
        assertThat(operations.calls()).extracting(FixtureOperations.Call::method)
                .contains(CimName.of("CheckConnectivity"));
    }

    @Test
    void pullOperationsAreNotSupported() {
        WBEMException e = catchThrowableOfType(() -> client.enumerateInstances(connectionClass(), true, false,
                null, null, null, new UnsignedInteger32(100), false, null), WBEMException.class);
        assertThat(e.getID()).isEqualTo(WBEMException.CIM_ERR_NOT_SUPPORTED);
    }

    @Test
    void wrongPasswordFailsAfterTheChallenge() throws WBEMException {
        WBEMClient c = WBEMClientFactory.getClient(WBEMClientConstants.PROTOCOL_CIMXML);
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(TestDaemon.OPERATOR));
        s.getPrivateCredentials().add(new PasswordCredential("wrong".toCharArray()));
        c.initialize(new CIMObjectPath("http", "127.0.0.1", Integer.toString(daemon.port()), null, null, null), s,
                new Locale[] {Locale.US});
        try {
            WBEMException e = catchThrowableOfType(() -> drain(c.enumerateInstanceNames(connectionClass())),
                    WBEMException.class);
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).containsIgnoringCase("401");
        } finally {
            c.close();
        }
    }
}
