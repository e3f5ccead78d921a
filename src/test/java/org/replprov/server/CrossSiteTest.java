package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.server.config.DaemonConfig;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * Web pages in the operator's browser cannot use the daemon (docs/daemon.md, "Security"): cross-site request forgery,
 * DNS rebinding and CORS preflights, on the shipped default of a loopback listener without users, where a forged
 * request would otherwise need no password at all.
 */
class CrossSiteTest {

    private static final String INVOKE = "{\"path\":\"DfsrConnectionInfo.ConnectionGuid=\\\"" + DfsrFixture.GUID_1
            + "\\\"\",\"method\":\"ForceReplication\",\"parameters\":{\"Mode\":3,\"DurationInMin\":10080,"
            + "\"Bandwidth\":0}}";

    private static FixtureProvider operations;
    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        operations = FixtureProvider.dfsr();
        daemon = TestDaemon.start(DaemonConfig.parse("open.yaml", """
                listeners:
                  - {address: 127.0.0.1, port: 0, names: [replprov.test]}
                """, Path.of("target")), operations.objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    private static RawHttp.Response post(String path, String headers, String body) throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            return http.exchange("POST " + path + " HTTP/1.1\r\n" + headers, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static RawHttp.Response get(String path, String headers) throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send("GET " + path + " HTTP/1.1\r\n" + headers + "\r\n");
            return http.readHead();
        }
    }

    /** The request of the report: a page on evil.example, rebinding its name to 127.0.0.1. */
    @Test
    void theReportedForgeryIsRefusedAndChangesNothing() throws IOException {
        long calls = operations.callCount();
        RawHttp.Response r = post("/api/v1/invoke", "Content-Type: text/plain\r\nOrigin: http://evil.example\r\n"
                + "Host: rebind.evil.example:" + daemon.port() + "\r\n", INVOKE);
        assertThat(r.status()).isEqualTo(403);
        assertThat(operations.callCount()).isEqualTo(calls);
    }

    @Test
    void aRebindingHostIsRefusedEvenWithoutOrigin() throws IOException {
        assertThat(post("/api/v1/invoke", "Content-Type: application/json\r\nHost: rebind.evil.example\r\n", INVOKE)
                .status()).isEqualTo(403);
        assertThat(get("/api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo", "Host: rebind.evil.example\r\n")
                .status()).isEqualTo(403);
        assertThat(get("/metrics", "Host: 127.0.0.2\r\n").status()).as("another address than the listener's")
                .isEqualTo(403);
    }

    @Test
    void namesTheDaemonServesAreAccepted() throws IOException {
        for (String host : new String[] {"127.0.0.1", "127.0.0.1:" + daemon.port(), "localhost", "LOCALHOST:1",
                "replprov.test", "replprov.test."}) {
            assertThat(get("/api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo", "Host: " + host + "\r\n").status())
                    .as(host).isEqualTo(200);
        }
    }

    @Test
    void otherOriginsAreRefusedOnEveryRouteButHealth() throws IOException {
        String evil = "Host: 127.0.0.1:" + daemon.port() + "\r\nOrigin: http://localhost:8080\r\n";
        assertThat(post("/api/v1/invoke", evil + "Content-Type: application/json\r\n", INVOKE).status())
                .isEqualTo(403);
        assertThat(get("/api/v1/events?query=SELECT+*+FROM+__InstanceModificationEvent+WITHIN+1+WHERE+"
                + "TargetInstance+ISA+%27DfsrConnectionInfo%27", evil).status()).isEqualTo(403);
        assertThat(get("/api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo", evil).status()).isEqualTo(403);
        assertThat(get("/api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo", "Host: 127.0.0.1\r\nOrigin: null\r\n")
                .status()).as("an opaque origin (sandboxed frame, file:)").isEqualTo(403);
        assertThat(get("/api/v1/events?query=x", "Host: 127.0.0.1\r\nSec-Fetch-Site: same-site\r\n").status())
                .as("a page on another port of the same host, without Origin").isEqualTo(403);
        assertThat(get("/healthz", evil).status()).isEqualTo(200);
        String link = "Host: 127.0.0.1\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\n"
                + "Sec-Fetch-Dest: document\r\n";
        assertThat(get("/", link).status()).as("following a link to the status page").isEqualTo(200);
        assertThat(get("/api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo", link).status())
                .as("a navigation to anything else").isEqualTo(403);
        assertThat(get("/ui/status.js", link.replace("navigate", "no-cors").replace("document", "script"))
                .status()).isEqualTo(403);
    }

    @Test
    void theDaemonsOwnOriginIsAccepted() throws IOException {
        long calls = operations.callCount();
        RawHttp.Response r = post("/api/v1/invoke", "Host: 127.0.0.1:" + daemon.port() + "\r\nOrigin: http://127.0.0.1:"
                + daemon.port() + "\r\nSec-Fetch-Site: same-origin\r\nContent-Type: application/json\r\n", INVOKE);
        assertThat(r.status()).isEqualTo(200);
        assertThat(operations.callCount()).isEqualTo(calls + 1);
    }

    @Test
    void stateChangingJsonNeedsApplicationJson() throws IOException {
        long calls = operations.callCount();
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
            assertThat(post("/api/v1/invoke", "Host: 127.0.0.1\r\nContent-Type: " + type + "\r\n", INVOKE).status())
                    .as(type).isEqualTo(415);
        }
        assertThat(post("/api/v1/invoke", "Host: 127.0.0.1\r\n", INVOKE).status()).isEqualTo(415);
        assertThat(operations.callCount()).isEqualTo(calls);
    }

    /** A CIM-XML request without its CIMOperation header (which needs a preflight cross-site) is not run. */
    @Test
    void cimXmlWithoutItsHeadersIsNotRun() throws IOException {
        long calls = operations.callCount();
        String call = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"1\" "
                + "PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><METHODCALL NAME=\"CheckConnectivity\"><LOCALINSTANCEPATH>"
                + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"MicrosoftDfs\"/>"
                + "</LOCALNAMESPACEPATH><INSTANCENAME CLASSNAME=\"DfsrConnectionInfo\"><KEYBINDING "
                + "NAME=\"ConnectionGuid\"><KEYVALUE>" + DfsrFixture.GUID_1 + "</KEYVALUE></KEYBINDING></INSTANCENAME>"
                + "</LOCALINSTANCEPATH></METHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        RawHttp.Response r = post("/cimom", "Host: 127.0.0.1\r\nContent-Type: text/plain\r\n", call);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("CIMError")).isNotNull();
        assertThat(operations.callCount()).isEqualTo(calls);
    }

    @Test
    void preflightsAreNeverGranted() throws IOException {
        for (String path : new String[] {"/api/v1/invoke", "/cimom", "/api/v1/events", "/metrics", "/healthz"}) {
            RawHttp.Response r = options(path);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.headers().keySet()).as(path).noneMatch(h -> h.startsWith("access-control-"));
        }
    }

    private static RawHttp.Response options(String path) throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send("OPTIONS " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n"
                    + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type, "
                    + "cimoperation\r\n\r\n");
            return http.read();
        }
    }
}
