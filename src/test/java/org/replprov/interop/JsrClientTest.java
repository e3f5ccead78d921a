package org.replprov.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
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
import org.replprov.drsr.DsTime;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.BandwidthLevel;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.engine.spi.ReplicationMode;
import org.replprov.testing.DfsrStack;
import org.replprov.testing.FakeEngine;
import org.replprov.testing.Links;
import org.replprov.testing.TestDaemon;

/**
 * The JSR-48 client (the SBLIM CIM Client for Java, as {@code org.metricshub:wbem-java}) against the daemon serving
 * the real object manager with the DfsrConnectionInfo and ReplProv_RepsTo providers. The client sends its first
 * request without credentials and authenticates only after a 401 challenge, so these tests also prove the challenge.
 */
class JsrClientTest {

    private static final String NS = DfsrStack.NAMESPACE;
    private static DfsrStack stack;
    private static TestDaemon daemon;
    private WBEMClient client;

    @BeforeAll
    static void start() {
        stack = DfsrStack.start();
        daemon = TestDaemon.start(stack.objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
        stack.close();
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
        assertThat(inError.get(0).getPropertyValue("PartnerName")).isEqualTo("BRANCH1");
        assertThat(inError.get(0).getPropertyValue("State")).isEqualTo(new UnsignedInteger32(3));
        assertThat(inError.get(0).getPropertyValue("Inbound")).isEqualTo(Boolean.TRUE);
        assertThat(inError.get(0).getPropertyValue("LastErrorMessageId")).isEqualTo(new UnsignedInteger32(5002));
        assertThat(inError.get(0).getObjectPath().getKey("ConnectionGuid").getValue()).isEqualTo(DfsrStack.guid(1));

        List<CIMInstance> projected = query("SELECT PartnerName FROM DfsrConnectionInfo WHERE Inbound = FALSE");
        assertThat(projected).hasSize(1);
        assertThat(projected.get(0).getPropertyValue("PartnerName")).isEqualTo("BRANCH2");
        assertThat(projected.get(0).getProperty("MemberName")).isNull();

        assertThat(query("SELECT ConnectionGuid FROM DfsrConnectionInfo WHERE PartnerName LIKE 'BRANCH%' "
                + "AND State <> 3")).extracting(i -> i.getPropertyValue("ConnectionGuid"))
                .containsExactly(DfsrStack.guid(2));
        assertThat(query("SELECT * FROM DfsrConnectionInfo WHERE LastSuccessfulSyncTime < '99990101000000.000000+000'"))
                .extracting(i -> i.getPropertyValue("PartnerName")).containsExactly("BRANCH1");
        assertThat(query("SELECT * FROM DfsrConnectionInfo WHERE PartnerName = 'nobody'")).isEmpty();
    }

    /** ReplProv_RepsTo lives in another namespace; its datetimes and uint32 values arrive typed. */
    @Test
    void execQueryOnReplProvRepsTo() throws WBEMException {
        UUID partner = UUID.fromString("8f5a0c3e-2b7d-4c1a-9e6f-0a1b2c3d4e5f");
        Instant lastAttempt = Instant.parse("2024-01-15T10:30:00Z");
        stack.repsTo().put(new RepsToEntry("CN=Demo,CN=DFSR-GlobalSettings,CN=System", new RepsTo(
                "https://branch1.example:5989/", partner, ReplicaFlags.of(ReplicaFlags.Flag.DRS_INIT_SYNC),
                Win32Error.RPC_S_SERVER_UNAVAILABLE, 3, DsTime.of(lastAttempt), DsTime.NEVER)));
        try {
            List<CIMInstance> failing = drain(client.execQuery(new CIMObjectPath(null, null, null,
                    "root/MicrosoftActiveDirectory", null, null),
                    "SELECT * FROM ReplProv_RepsTo WHERE ConsecutiveFailures > 0", "WQL"));
            assertThat(failing).hasSize(1);
            CIMInstance r = failing.get(0);
            assertThat(r.getPropertyValue("NaDsa")).isEqualTo("https://branch1.example:5989/");
            assertThat(r.getPropertyValue("UuidDsa")).isEqualTo(DfsrStack.guid(partner));
            assertThat(r.getPropertyValue("ResultLastAttempt")).isEqualTo(new UnsignedInteger32(1722));
            assertThat(r.getPropertyValue("ResultLastAttemptName")).isEqualTo("RPC_S_SERVER_UNAVAILABLE");
            assertThat(r.getPropertyValue("ConsecutiveFailures")).isEqualTo(new UnsignedInteger32(3));
            assertThat(r.getPropertyValue("TimeLastAttempt")).hasToString("20240115103000.000000+000");
            assertThat(r.getPropertyValue("TimeLastSuccess")).as("never").isNull();
        } finally {
            stack.repsTo().remove("CN=Demo,CN=DFSR-GlobalSettings,CN=System", partner);
        }
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
        assertThat(all).extracting(i -> i.getPropertyValue("PartnerName"))
                .containsExactlyInAnyOrder("BRANCH1", "BRANCH2");
        CIMInstance inbound = all.stream().filter(i -> Boolean.TRUE.equals(i.getPropertyValue("Inbound")))
                .findFirst().orElseThrow();
        assertThat(inbound.getPropertyValue("LastErrorCode")).isEqualTo(new UnsignedInteger32(0xA0DF0001L));
        assertThat(inbound.getPropertyValue("LastSyncDuration")).isEqualTo(new UnsignedInteger32(42));
        assertThat(inbound.getPropertyValue("Status")).isEqualTo("Error");
    }

    @Test
    void enumerateInstanceNamesAndClasses() throws WBEMException {
        assertThat(drain(client.enumerateInstanceNames(connectionClass())))
                .extracting(p -> (Object) p.getKey("ConnectionGuid").getValue())
                .containsExactlyInAnyOrder(DfsrStack.guid(1), DfsrStack.guid(2));
        assertThat(drain(client.enumerateClassNames(namespace(), true))).extracting(CIMObjectPath::getObjectName)
                .contains("DfsrConnectionInfo", "CIM_ManagedSystemElement");
        CIMClass c = client.getClass(connectionClass(), false, true, false, null);
        assertThat(c.getSuperClassName()).isEqualTo("CIM_LogicalElement");
        assertThat(c.getMethod("ForceReplication").getParameters()).hasSize(3);
    }

    @Test
    void getInstance() throws WBEMException {
        CIMInstance i = client.getInstance(connection(DfsrStack.guid(2)), false, false, null);
        assertThat(i.getPropertyValue("PartnerName")).isEqualTo("BRANCH2");
        assertThat(i.getPropertyValue("State")).isEqualTo(new UnsignedInteger32(1));
        assertThat(client.getInstance(connection("{" + DfsrStack.guid(2).toLowerCase() + "}"), false, false, null)
                .getPropertyValue("PartnerName")).as("braced, lower-case GUIDs name the same connection")
                .isEqualTo("BRANCH2");
    }

    @Test
    void getInstanceOfAMissingKeyIsNotFound() {
        WBEMException e = catchThrowableOfType(() -> client.getInstance(
                connection("00000000-0000-0000-0000-000000000000"), false, false, null), WBEMException.class);
        assertThat(e.getID()).isEqualTo(WBEMException.CIM_ERR_NOT_FOUND);
    }

    private static CIMArgument<?>[] forceReplication(long mode, long minutes, long bandwidth) {
        return new CIMArgument<?>[] {
            new CIMArgument<>("Mode", CIMDataType.UINT32_T, new UnsignedInteger32(mode)),
            new CIMArgument<>("DurationInMin", CIMDataType.UINT32_T, new UnsignedInteger32(minutes)),
            new CIMArgument<>("Bandwidth", CIMDataType.UINT32_T, new UnsignedInteger32(bandwidth))};
    }

    @Test
    void invokeMethod() throws WBEMException {
        int before = stack.engine().calls("forceReplication").size();
        Object rv = client.invokeMethod(connection(DfsrStack.guid(1)), "ForceReplication", forceReplication(3, 60, 0),
                new CIMArgument<?>[4]);
        assertThat(rv).isEqualTo(new UnsignedInteger32(0));
        List<FakeEngine.Call> calls = stack.engine().calls("forceReplication");
        assertThat(calls).hasSize(before + 1);
        assertThat(calls.get(before).args()).containsExactly(Links.connection(1), ReplicationMode.STOP_SYNC,
                BandwidthLevel.OFF);

        assertThat(client.invokeMethod(connection(DfsrStack.guid(1)), "ForceReplication", forceReplication(7, 60, 0),
                new CIMArgument<?>[4])).as("ERROR_INVALID_PARAMETER").isEqualTo(new UnsignedInteger32(87));
        assertThat(client.invokeMethod(connection(DfsrStack.guid(2)), "ForceReplication", forceReplication(2, 60, 15),
                new CIMArgument<?>[4])).as("ERROR_NOT_SUPPORTED on outbound").isEqualTo(new UnsignedInteger32(50));
        assertThat(client.invokeMethod(connection(DfsrStack.guid(1)), "CheckConnectivity", new CIMArgument<?>[0],
                new CIMArgument<?>[1])).isEqualTo(new UnsignedInteger32(0));
        WBEMException missing = catchThrowableOfType(() -> client.invokeMethod(connection(DfsrStack.guid(1)),
                "ForceReplication", new CIMArgument<?>[] {new CIMArgument<>("Mode", CIMDataType.UINT32_T,
                        new UnsignedInteger32(2))}, new CIMArgument<?>[4]), WBEMException.class);
        assertThat(missing.getID()).isEqualTo(WBEMException.CIM_ERR_INVALID_PARAMETER);
        WBEMException noMethod = catchThrowableOfType(() -> client.invokeMethod(connection(DfsrStack.guid(1)),
                "Reboot", new CIMArgument<?>[0], new CIMArgument<?>[1]), WBEMException.class);
        assertThat(noMethod.getID()).isEqualTo(WBEMException.CIM_ERR_METHOD_NOT_FOUND);
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
