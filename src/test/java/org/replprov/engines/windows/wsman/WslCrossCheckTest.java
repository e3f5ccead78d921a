package org.replprov.engines.windows.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimInstance;
import org.replprov.testing.Tools;

/**
 * Debian's {@code wsl} (a WS-Management client independent of ours, on curl and xmllint) against the protocol test
 * server: it enumerates with the WQL filter across Pull pages and invokes ForceReplication on the instance its own
 * EnumerateEPR found. If the server spoke the protocol only as our client expects, wsl would fail here.
 */
class WslCrossCheckTest {

    @TempDir
    Path dir;
    WsmanServer server;

    @BeforeEach
    void start() throws Exception {
        server = WsmanServer.start(dir.resolve("server"), "operator", "pa55word");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Runs a wsl command non-interactively against the server, trusting its certificate; returns its output. */
    private String wsl(String command, String... args) throws Exception {
        String exe = Tools.require(command, "wsl");
        Tools.require("xmllint", "libxml2-utils");
        Path work = Files.createDirectories(dir.resolve("wsl"));
        String endpoint = "127.0.0.1:" + server.port();
        // wsl trusts <endpoint>.crt in its working directory (wsl-functions: WSCACERT)
        Files.copy(server.certificate(), work.resolve(endpoint + ".crt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> cmd = new ArrayList<>(List.of(exe));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HOME", work.toString());
        env.put("WSENDPOINT", endpoint);
        env.put("WSUSER", "operator");
        env.put("WSPASS", "pa55word");
        env.put("WSAUTOMATED", "1");
        env.put("KEEPHISTORY", "0");
        env.put("OUTPREFIX", work.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(command + " exit status; output:\n" + text + "\nlog:\n"
                + (Files.exists(work.resolve("log.txt")) ? Files.readString(work.resolve("log.txt")) : "")).isZero();
        return text;
    }

    @Test
    void wslEnumeratesWithWqlAcrossPullPages() throws Exception {
        DfsrMember fs01 = WsmanClientTest.FS01;
        List<CimInstance> connections = new ArrayList<>();
        List<String> guids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID g = new UUID(0x2000, i);
            guids.add(DfsrMember.text(g));
            connections.add(fs01.connection(g, WsmanClientTest.FS02, WsmanClientTest.GROUP, "RG-Data", true,
                    i == 4 ? 1 : 3, i == 4 ? 0 : 9033, i == 4 ? 0 : 5002));
        }
        server.serve("DfsrConnectionInfo", connections);
        String out = wsl("wslenum", WsmanServer.PREFIX + "DfsrConnectionInfo", "-dialect", WsmanClient.WQL_DIALECT,
                "-filter", "SELECT * FROM DfsrConnectionInfo WHERE State = 3", "-opti", "2");
        for (int i = 0; i < 4; i++) {
            assertThat(out).contains(guids.get(i));
        }
        assertThat(out).as("the Online connection is filtered out").doesNotContain(guids.get(4));
        assertThat(server.actions()).containsExactly(WsmanClient.ENUMERATE, WsmanClient.PULL);
        assertThat(server.openContexts()).isZero();
    }

    @Test
    void wslInvokesForceReplicationOnTheInstanceItEnumerated() throws Exception {
        UUID connection = UUID.fromString("6f1e8a52-0c4b-4d8e-9a57-1b2c3d4e5f60");
        server.serve("DfsrConnectionInfo", List.of(WsmanClientTest.FS01.connection(connection, WsmanClientTest.FS02,
                        WsmanClientTest.GROUP, "RG-Data", true, 1, 0, 0)))
                .method("DfsrConnectionInfo", "ForceReplication", (inst, in) -> Map.of("ReturnValue", "0"));
        String out = wsl("wslinvoke", WsmanServer.PREFIX + "DfsrConnectionInfo", "ForceReplication", "Mode=2",
                "DurationInMin=15", "Bandwidth=15");
        assertThat(out).contains("ForceReplication_OUTPUT").contains("ReturnValue>0<");
        assertThat(server.invocations()).singleElement().satisfies(i -> {
            assertThat(i.selectors()).containsEntry("ConnectionGuid", DfsrMember.text(connection));
            assertThat(i.inputs()).isEqualTo(Map.of("Mode", "2", "DurationInMin", "15", "Bandwidth", "15"));
        });
    }
}
