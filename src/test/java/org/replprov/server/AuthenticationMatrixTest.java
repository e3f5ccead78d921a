package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * Every endpoint against every kind of caller: no credentials and wrong credentials get 401 with a Basic challenge,
 * readers may read but not invoke (403), operators may do both; health and M-POST need no credentials.
 */
class AuthenticationMatrixTest {

    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        daemon = TestDaemon.start(FixtureProvider.dfsr().objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    enum Caller {
        NONE(null), WRONG(TestDaemon.basic(TestDaemon.OPERATOR, "wrong")), UNKNOWN(TestDaemon.basic("mallory",
                TestDaemon.PASSWORD)), READER(TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD)),
        OPERATOR(TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD));

        final String authorization;

        Caller(String authorization) {
            this.authorization = authorization;
        }
    }

    /** One request of an endpoint: method, path, extra headers, body. */
    record Endpoint(String name, String method, String path, String headers, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String ENUMERATE = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
            + "<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"EnumerateInstanceNames\">"
            + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"MicrosoftDfs\"/></LOCALNAMESPACEPATH>"
            + "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"DfsrConnectionInfo\"/></IPARAMVALUE>"
            + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
    private static final String INVOKE = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
            + "<MESSAGE ID=\"1\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><METHODCALL NAME=\"CheckConnectivity\">"
            + "<LOCALINSTANCEPATH><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"MicrosoftDfs\"/>"
            + "</LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"DfsrConnectionInfo\"><KEYBINDING NAME=\"ConnectionGuid\">"
            + "<KEYVALUE>" + DfsrFixture.GUID_1 + "</KEYVALUE></KEYBINDING></INSTANCENAME></LOCALINSTANCEPATH>"
            + "</METHODCALL></SIMPLEREQ></MESSAGE></CIM>";
    private static final String CIM_HEADERS = "Content-Type: application/xml\r\nCIMOperation: MethodCall\r\n";

    private static final Endpoint CIM_READ = new Endpoint("CIM-XML EnumerateInstanceNames", "POST", "/cimom",
            CIM_HEADERS + "CIMMethod: EnumerateInstanceNames\r\nCIMObject: root/MicrosoftDfs\r\n", ENUMERATE);
    private static final Endpoint CIM_INVOKE = new Endpoint("CIM-XML CheckConnectivity", "POST", "/cimom",
            CIM_HEADERS + "CIMMethod: CheckConnectivity\r\nCIMObject: root/MicrosoftDfs\r\n", INVOKE);
    private static final Endpoint JSON_QUERY = new Endpoint("JSON query", "GET",
            "/api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo", "", "");
    private static final Endpoint JSON_INVOKE = new Endpoint("JSON invoke", "POST", "/api/v1/invoke",
            "Content-Type: application/json\r\n", "{\"path\": \"DfsrConnectionInfo.ConnectionGuid=\\\""
            + DfsrFixture.GUID_1 + "\\\"\", \"method\": \"CheckConnectivity\"}");
    private static final Endpoint EVENTS = new Endpoint("events", "GET", "/api/v1/events?query=SELECT+*+FROM+"
            + "__InstanceModificationEvent+WITHIN+1+WHERE+TargetInstance+ISA+%27DfsrConnectionInfo%27", "", "");
    private static final Endpoint METRICS = new Endpoint("metrics", "GET", "/metrics", "", "");
    private static final Endpoint HEALTH = new Endpoint("health", "GET", "/healthz", "", "");
    private static final Endpoint M_POST = new Endpoint("M-POST", "M-POST", "/cimom",
            "Man: http://www.dmtf.org/cim/mapping/http/v1.0;ns=11\r\n11-CIMOperation: MethodCall\r\n", ENUMERATE);

    private static final java.util.concurrent.atomic.AtomicInteger ROW = new java.util.concurrent.atomic.AtomicInteger();

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Endpoint e : List.of(CIM_READ, JSON_QUERY, EVENTS, METRICS)) {
            rows.add(Arguments.of(e, Caller.NONE, 401));
            rows.add(Arguments.of(e, Caller.WRONG, 401));
            rows.add(Arguments.of(e, Caller.UNKNOWN, 401));
            rows.add(Arguments.of(e, Caller.READER, 200));
            rows.add(Arguments.of(e, Caller.OPERATOR, 200));
        }
        for (Endpoint e : List.of(CIM_INVOKE, JSON_INVOKE)) {
            rows.add(Arguments.of(e, Caller.NONE, 401));
            rows.add(Arguments.of(e, Caller.WRONG, 401));
            rows.add(Arguments.of(e, Caller.UNKNOWN, 401));
            rows.add(Arguments.of(e, Caller.READER, 403));
            rows.add(Arguments.of(e, Caller.OPERATOR, 200));
        }
        for (Caller c : Caller.values()) {
            rows.add(Arguments.of(HEALTH, c, 200));
            rows.add(Arguments.of(M_POST, c, 501));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("matrix")
    void statusByEndpointAndCaller(Endpoint endpoint, Caller caller, int expected) throws IOException {
        // Each row from its own client address: the rows with wrong passwords would otherwise add up to the
        // failed-login throttle of one address (429), which LoginFloodTest checks.
        try (RawHttp http = new RawHttp(daemon.port(), "127.0.2." + ROW.incrementAndGet())) {
            String head = endpoint.method() + " " + endpoint.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + endpoint.headers() + (caller.authorization == null ? ""
                    : "Authorization: " + caller.authorization + "\r\n");
            byte[] body = endpoint.body().getBytes(StandardCharsets.UTF_8);
            http.send(head + "Content-Length: " + body.length + "\r\n\r\n");
            http.send(body);
            RawHttp.Response r = http.readHead();
            assertThat(r.status()).isEqualTo(expected);
            if (expected == 401) {
                assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"cimom\", charset=\"UTF-8\"");
            }
            assertThat(r.header("X-Request-Id")).isNotBlank();
        }
    }
}
