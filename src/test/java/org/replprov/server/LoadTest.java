package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.replprov.testing.DfsrStack;
import org.replprov.testing.RawHttp;
import org.replprov.testing.TestDaemon;

/**
 * Fifty clients for thirty seconds, each on its own keep-alive connection (reconnecting now and then), cycling
 * through CIM-XML EnumerateInstances, GetInstance, ExecQuery and ForceReplication and the JSON query and invoke
 * endpoints, against the real object manager and DfsrConnectionInfo provider: every answer must be a 200 carrying
 * the expected result.
 */
class LoadTest {

    static final int CLIENTS = 50;
    static final Duration RUN = Duration.ofSeconds(30);
    private static final String AUTH = "Authorization: " + TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD)
            + "\r\n";
    private static final String NS = "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"MicrosoftDfs\"/>"
            + "</LOCALNAMESPACEPATH>";
    private static final String INSTANCE = "<INSTANCENAME CLASSNAME=\"DfsrConnectionInfo\"><KEYBINDING "
            + "NAME=\"ConnectionGuid\"><KEYVALUE VALUETYPE=\"string\">" + DfsrStack.guid(1)
            + "</KEYVALUE></KEYBINDING></INSTANCENAME>";

    /** One kind of request and what its answer must contain. */
    record Request(String head, byte[] body, String expected) {
    }

    private static Request cim(String method, String object, String call, String expected) {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE "
                + "ID=\"7\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ>" + call + "</SIMPLEREQ></MESSAGE></CIM>";
        return new Request("POST /cimom HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Content-Type: application/xml; "
                + "charset=\"utf-8\"\r\nCIMOperation: MethodCall\r\nCIMMethod: " + method + "\r\nCIMObject: " + object
                + "\r\n", body.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static final List<Request> MIX = List.of(
            cim("EnumerateInstances", "root/MicrosoftDfs", "<IMETHODCALL NAME=\"EnumerateInstances\">" + NS
                    + "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"DfsrConnectionInfo\"/></IPARAMVALUE>"
                    + "</IMETHODCALL>", "<VALUE>BRANCH2</VALUE>"),
            cim("GetInstance", "root/MicrosoftDfs", "<IMETHODCALL NAME=\"GetInstance\">" + NS
                    + "<IPARAMVALUE NAME=\"InstanceName\">" + INSTANCE + "</IPARAMVALUE></IMETHODCALL>",
                    "<VALUE>5002</VALUE>"),
            cim("ExecQuery", "root/MicrosoftDfs", "<IMETHODCALL NAME=\"ExecQuery\">" + NS
                    + "<IPARAMVALUE NAME=\"QueryLanguage\"><VALUE>WQL</VALUE></IPARAMVALUE><IPARAMVALUE NAME=\"Query\">"
                    + "<VALUE>SELECT * FROM DfsrConnectionInfo WHERE State = 3</VALUE></IPARAMVALUE></IMETHODCALL>",
                    "VALUE.OBJECTWITHPATH"),
            cim("ForceReplication", "root/MicrosoftDfs:DfsrConnectionInfo", "<METHODCALL NAME=\"ForceReplication\">"
                    + "<LOCALINSTANCEPATH>" + NS + INSTANCE + "</LOCALINSTANCEPATH><PARAMVALUE NAME=\"Mode\"><VALUE>2"
                    + "</VALUE></PARAMVALUE><PARAMVALUE NAME=\"DurationInMin\"><VALUE>15</VALUE></PARAMVALUE>"
                    + "<PARAMVALUE NAME=\"Bandwidth\"><VALUE>15</VALUE></PARAMVALUE></METHODCALL>",
                    "<RETURNVALUE PARAMTYPE=\"uint32\"><VALUE>0</VALUE>"),
            new Request("GET /api/v1/query?q=SELECT+*+FROM+DfsrConnectionInfo+WHERE+Inbound+%3D+FALSE HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n" + AUTH, new byte[0], "\"PartnerName\":\"BRANCH2\""),
            new Request("POST /api/v1/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\n" + AUTH + "Content-Type: "
                    + "application/json\r\n", ("{\"path\":\"DfsrConnectionInfo.ConnectionGuid=\\\"" + DfsrStack.guid(1)
                    + "\\\"\",\"method\":\"CheckConnectivity\"}").getBytes(StandardCharsets.UTF_8),
                    "\"returnValue\":0"));

    @Test
    void fiftyClientsForThirtySecondsWithoutAnError() throws Exception {
        try (DfsrStack stack = DfsrStack.start(); TestDaemon daemon = TestDaemon.start(stack.objectManager())) {
            AtomicLong requests = new AtomicLong();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            long deadline = System.nanoTime() + RUN.toNanos();
            CountDownLatch done = new CountDownLatch(CLIENTS);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    try {
                        run(daemon.port(), client, deadline, requests, errors);
                    } finally {
                        done.countDown();
                    }
                }, "load-client-" + c);
                clients.add(t);
                t.start();
            }
            done.await();
            assertThat(errors).as("errors (first few)").isEmpty();
            assertThat(requests.get()).as("requests answered").isGreaterThan(CLIENTS * RUN.toSeconds() * 10);
        }
    }

    private static void run(int port, int client, long deadline, AtomicLong requests,
                            ConcurrentLinkedQueue<String> errors) {
        RawHttp http = null;
        for (int n = client; System.nanoTime() < deadline; n++) {
            Request r = MIX.get(n % MIX.size());
            try {
                // every client reconnects every 50 requests, as command-line clients do on each call
                if (http == null || n % 50 == 0) {
                    if (http != null) {
                        http.close();
                    }
                    http = new RawHttp(port, "127.0.3." + (1 + client % 4));
                }
                RawHttp.Response answer = http.exchange(r.head(), r.body());
                if (answer.status() != 200 || !answer.text().contains(r.expected())) {
                    record(errors, "client " + client + ": " + answer.status() + " " + answer.text());
                }
                requests.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                record(errors, "client " + client + ": " + e);
                http = null;
            }
        }
        if (http != null) {
            try {
                http.close();
            } catch (IOException ignored) {
                // the run is over
            }
        }
    }

    private static void record(ConcurrentLinkedQueue<String> errors, String error) {
        if (errors.size() < 10) {
            errors.add(error.length() > 500 ? error.substring(0, 500) : error);
        }
    }
}
