package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * Requests the HTTP layer refuses are answered in the protocol of their route, never with a server library's HTML
 * page; an oversized body is refused before the client is told to send it; a query near the WQL limit reaches the
 * daemon.
 */
class HttpErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Authorization: " + TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD)
            + "\r\n";

    private static TestDaemon daemon;

    @BeforeAll
    static void start() {
        daemon = TestDaemon.start(FixtureProvider.dfsr().objectManager());
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    private static RawHttp.Response send(String raw) throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send(raw);
            return http.read();
        }
    }

    private static void assertJsonError(RawHttp.Response r, int status) throws IOException {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("cimStatus").asText()).startsWith("CIM_ERR_");
    }

    @Test
    void aBadPercentEncodingIsAJsonErrorUnderTheApi() throws IOException {
        assertJsonError(send("GET /api/v1/query?q=%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "\r\n"), 400);
        assertJsonError(send("GET /api/v1/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "\r\n"), 400);
    }

    @Test
    void aBadContentLengthIsAJsonErrorUnderTheApiAndACimErrorForCimXml() throws IOException {
        assertJsonError(send("POST /api/v1/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 12x\r\n\r\n"), 400);
        RawHttp.Response cim = send("POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\nCIMOperation: MethodCall\r\n"
                + "Content-Length: -5\r\n\r\n");
        assertThat(cim.status()).isEqualTo(400);
        assertThat(cim.header("CIMError")).isEqualTo("request-not-valid");
        assertThat(String.valueOf(cim.header("Content-Type"))).doesNotContain("html");
    }

    /** RFC 9110 §10.1.1: a server that will refuse the body answers the final status instead of 100 Continue. */
    @Test
    void anOversizedBodyIsRefusedBeforeContinue() throws IOException {
        try (RawHttp http = new RawHttp(daemon.port())) {
            http.send("POST /api/v1/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Content-Type: application/json"
                    + "\r\nExpect: 100-continue\r\nContent-Length: " + (TestDaemon.MAX_REQUEST_BYTES + 1) + "\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.status()).as("no 100 Continue first").isEqualTo(413);
            assertThat(r.header("Connection")).isEqualTo("close");
        }
    }

    /** 16 300 characters of WQL, under the 16 384 limit: sent in a POST body, it is run. */
    @Test
    void aQueryNearTheLimitReachesTheDaemon() throws IOException {
        String wql = "SELECT * FROM DfsrConnectionInfo WHERE PartnerName <> '" + "x".repeat(16_300 - 57) + "'";
        assertThat(wql.length()).isBetween(16_250, 16_384);
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("q", wql));
        try (RawHttp http = new RawHttp(daemon.port())) {
            RawHttp.Response r = http.exchange("POST /api/v1/query HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH
                    + "Content-Type: application/json\r\n", body);
            assertThat(r.status()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).get("instances").size()).isPositive();
        }
        // The same query in a URL is longer than a request head may be: refused (414) in JSON, not dropped.
        String url = "/api/v1/query?q=" + java.net.URLEncoder.encode(wql, StandardCharsets.UTF_8).replace("x", "%78");
        assertJsonError(send("GET " + url + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "\r\n"), 414);
    }
}
