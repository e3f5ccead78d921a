package org.replprov.engines.windows.dcom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.engines.windows.wsman.DfsrMember;

/**
 * impacket's own {@code wmiquery.py} (a client known to work against Windows) against the test responder: proof that
 * the responder speaks DCOM activation, NTLMv2 at packet privacy and MS-WMI as a Windows member does, before the
 * project's client is tested against it. The objects it returns are the project's MS-WMIO encodings of instances
 * of the shipped DFSR classes, decoded here by impacket.
 */
class WmiqueryCrossCheckTest {

    static final Path WMIQUERY = Path.of("/usr/share/doc/python3-impacket/examples/wmiquery.py");
    static final DfsrMember MEMBER = new DfsrMember(UUID.fromString("6f1d1a52-8f6c-4b6e-9f43-0c7b3c1d2e01"), "FS1");
    static final DfsrMember PARTNER = new DfsrMember(UUID.fromString("6f1d1a52-8f6c-4b6e-9f43-0c7b3c1d2e02"), "FS2");
    static final UUID GROUP = UUID.fromString("11111111-2222-3333-4444-555555555555");

    static DcomResponder responder;

    @BeforeAll
    static void start() {
        responder = DcomResponder.start("127.0.0.61");
        responder.serve(List.of(
                MEMBER.connection(UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001"), PARTNER, GROUP, "Docs",
                        true, 1, 0, 0),
                MEMBER.connection(UUID.fromString("aaaaaaaa-0000-0000-0000-000000000002"), PARTNER, GROUP, "Docs",
                        false, 3, 1722, 5002),
                MEMBER.info(1)));
    }

    @AfterAll
    static void stop() {
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void wmiqueryReadsTheProjectsEncodingsAtPacketPrivacy(@TempDir Path dir) throws Exception {
        String out = wmiquery(dir, DcomResponder.PASSWORD,
                "SELECT * FROM DfsrConnectionInfo", "SELECT * FROM DfsrInfo");

        assertThat(out).contains("AAAAAAAA-0000-0000-0000-000000000001", "AAAAAAAA-0000-0000-0000-000000000002")
                .contains("| 1722 |").contains("| 5002 |").contains("FS2").contains("1.0.0.0");
        List<JsonNode> events = responder.events();
        JsonNode activation = DcomResponder.only(events, "activation").get(0);
        assertThat(activation.path("how").asText()).isEqualTo("RemoteCreateInstance");
        assertThat(activation.path("clsid").asText()).isEqualTo("8BC3F05E-D86B-11D0-A075-00C04FB68820");
        assertThat(activation.path("level").asInt()).isEqualTo(6);
        assertThat(DcomResponder.only(events, "login").get(0).path("namespace").asText())
                .isEqualToIgnoringCase("//./root/MicrosoftDFS");
        assertThat(DcomResponder.only(events, "query")).extracting(e -> e.path("level").asInt()).containsOnly(6);
        assertThat(DcomResponder.only(events, "refused")).isEmpty();
        assertThat(DcomResponder.only(events, "error")).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedAfterTheNtlmExchange(@TempDir Path dir) throws Exception {
        String out = wmiquery(dir, "not-the-password", "SELECT * FROM DfsrInfo");

        assertThat(out).doesNotContain("1.0.0.0");
        List<JsonNode> events = responder.events();
        assertThat(DcomResponder.only(events, "refused")).extracting(e -> e.path("reason").asText())
                .contains("wrong password");
        assertThat(DcomResponder.only(events, "activation")).isEmpty();
    }

    @Test
    void anUnknownClassIsWbemInvalidClass(@TempDir Path dir) throws Exception {
        String out = wmiquery(dir, DcomResponder.PASSWORD, "SELECT * FROM NoSuchClass");

        assertThat(out).contains("WBEM_E_INVALID_CLASS");
        responder.events();
    }

    @Test
    void activationBelowPacketIntegrityIsRefusedAsPatchedWindowsDoes() throws Exception {
        // impacket's own DCOM client, asked to activate at RPC_C_AUTHN_LEVEL_CONNECT (2)
        String script = String.join("\n",
                "import sys",
                "from impacket.dcerpc.v5.dcomrt import DCOMConnection",
                "from impacket.dcerpc.v5.dcom import wmi",
                "from impacket.dcerpc.v5.rpcrt import RPC_C_AUTHN_LEVEL_CONNECT",
                "d = DCOMConnection(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], authLevel=RPC_C_AUTHN_LEVEL_CONNECT)",
                "try:",
                "    d.CoCreateInstanceEx(wmi.CLSID_WbemLevel1Login, wmi.IID_IWbemLevel1Login)",
                "    print('ACTIVATED')",
                "except Exception as e:",
                "    print('REFUSED', e)",
                "d.disconnect()");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, responder.address(), DcomResponder.USER,
                DcomResponder.PASSWORD, DcomResponder.DOMAIN).redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(out).contains("REFUSED").doesNotContain("ACTIVATED");
        List<JsonNode> events = responder.events();
        assertThat(DcomResponder.only(events, "refused")).extracting(e -> e.path("level").asInt()).contains(2);
        assertThat(DcomResponder.only(events, "activation")).isEmpty();
    }

    private static String wmiquery(Path dir, String password, String... queries) throws IOException,
            InterruptedException {
        if (!Files.isRegularFile(WMIQUERY)) {
            throw new AssertionError(WMIQUERY + " is missing; install: apt-get install python3-impacket");
        }
        Path file = dir.resolve("queries.wql");
        Files.write(file, List.of(queries));
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", WMIQUERY.toString(),
                "-namespace", "//./root/MicrosoftDFS", "-file", file.toString(),
                DcomResponder.DOMAIN + "/" + DcomResponder.USER + ":" + password + "@" + responder.address()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("wmiquery.py did not finish");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
