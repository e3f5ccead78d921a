package org.replprov.engines.windows.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.cim.CimInstance;
import org.replprov.engines.windows.ntlm.NtlmFlags;

/**
 * Debian's pywinrm (with requests-ntlm and ntlm-auth: a client proven against Windows, independent of ours) against
 * the test server's NTLM listener with message encryption: it authenticates, seals its Enumerate and Pull requests
 * and unseals the answers. If the server's NTLM acceptor, key derivation, sealing or MIME framing differed from what
 * Windows does, pywinrm would fail here; so the same server is a fair judge of our own client.
 */
class WsmanPywinrmCrossCheckTest {

    static final NtlmAcceptor.Account ACCOUNT = new NtlmAcceptor.Account("REPLPROV", "replprov.test", "operator",
            "Pa55-word!");
    private static final Path PYWINRM = Path.of("/usr/lib/python3/dist-packages/winrm/encryption.py");

    @TempDir
    Path dir;
    WsmanServer server;
    final List<String> guids = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = WsmanServer.startNtlm(ACCOUNT);
        List<CimInstance> connections = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID g = new UUID(0x3000, i);
            guids.add(DfsrMember.text(g));
            connections.add(WsmanClientTest.FS01.connection(g, WsmanClientTest.FS02, WsmanClientTest.GROUP,
                    "RG-Data", true, i == 4 ? 1 : 3, i == 4 ? 0 : 9033, i == 4 ? 0 : 5002));
        }
        server.serve("DfsrConnectionInfo", connections);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode pywinrm(String user, String password, String wql) throws Exception {
        return pywinrm(user, password, wql, "always");
    }

    private JsonNode pywinrm(String user, String password, String wql, String encryption) throws Exception {
        if (!Files.isRegularFile(PYWINRM)) {
            throw new AssertionError(PYWINRM + " is missing; install: apt-get install python3-winrm "
                    + "(it brings python3-requests-ntlm and python3-ntlm-auth)");
        }
        Path script;
        try {
            script = Path.of(getClass().getResource("/wsman/pywinrm_wql.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), server.endpoint().toString(),
                user, password, WsmanServer.PREFIX + "DfsrConnectionInfo", wql, "2", encryption)
                .redirectErrorStream(true);
        // ntlm-auth hashes with hashlib's MD4, which OpenSSL 3 (Debian 12) keeps in its legacy provider
        Path conf = dir.resolve("openssl-legacy.cnf");
        Files.writeString(conf, String.join("\n", "openssl_conf = openssl_init", "[openssl_init]",
                "providers = provider_sect", "[provider_sect]", "default = default_sect", "legacy = legacy_sect",
                "[default_sect]", "activate = 1", "[legacy_sect]", "activate = 1", ""));
        pb.environment().put("OPENSSL_CONF", conf.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("pywinrm finished").isTrue();
        String text = new String(out, StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as("pywinrm's exit status; output:\n" + text + "\n(install: apt-get install "
                + "python3-winrm)").isZero();
        String last = text.substring(text.lastIndexOf('\n') + 1);
        return new ObjectMapper().readTree(last);
    }

    @Test
    void pywinrmEnumeratesWithWqlOverSealedNtlmAcrossPullPages() throws Exception {
        JsonNode r = pywinrm("REPLPROV\\operator", ACCOUNT.password(),
                "SELECT * FROM DfsrConnectionInfo WHERE State = 3");
        assertThat(r.has("error")).as(r.toString()).isFalse();
        List<String> got = new ArrayList<>();
        r.path("items").forEach(i -> got.add(i.path("ConnectionGuid").asText()));
        assertThat(got).containsExactlyElementsOf(guids.subList(0, 4));
        assertThat(r.path("items").get(0).path("LastErrorCode").asText()).isEqualTo("9033");
        assertThat(r.path("pulls").asInt()).isEqualTo(1);
        assertThat(server.actions()).containsExactly(WsmanClient.ENUMERATE, WsmanClient.PULL);
        assertThat(server.ntlm().sealedRequests()).as("both requests came sealed and verified").isEqualTo(2);
        assertThat(server.ntlm().accepted()).singleElement().satisfies(a -> {
            assertThat(a.domain()).isEqualTo("REPLPROV");
            assertThat(a.user()).isEqualTo("operator");
            assertThat(a.micVerified()).as("ntlm-auth sends a MIC when the challenge has a timestamp").isTrue();
            assertThat(a.flags() & NtlmFlags.NTLMSSP_NEGOTIATE_KEY_EXCH).isNotZero();
        });
        assertThat(server.ntlm().refusals()).as("only pywinrm's first, unauthenticated probe")
                .containsOnly("no authenticated context");
    }

    @Test
    void aUpnIsSentWholeWithAnEmptyDomain() throws Exception {
        JsonNode r = pywinrm("operator@replprov.test", ACCOUNT.password(), "SELECT * FROM DfsrConnectionInfo");
        assertThat(r.path("items")).hasSize(5);
        assertThat(server.ntlm().accepted()).singleElement().satisfies(a -> {
            assertThat(a.domain()).isEmpty();
            assertThat(a.user()).isEqualTo("operator@replprov.test");
        });
    }

    @Test
    void aWrongPasswordIsRefusedWith401() throws Exception {
        JsonNode r = pywinrm("REPLPROV\\operator", "not-the-password", "SELECT * FROM DfsrConnectionInfo");
        assertThat(r.path("error").asText()).as(r.toString()).isEqualTo("credentials");
        assertThat(server.ntlm().refusals()).anySatisfy(m -> assertThat(m).contains("wrong password"));
        assertThat(server.actions()).isEmpty();
    }

    @Test
    void anUnencryptedMessageIsRefusedAsWinRmWithAllowUnencryptedFalseDoes() throws Exception {
        JsonNode r = pywinrm("REPLPROV\\operator", ACCOUNT.password(), "SELECT * FROM DfsrConnectionInfo", "never");
        assertThat(r.path("error").asText()).as(r.toString()).isEqualTo("credentials");
        assertThat(server.ntlm().accepted()).as("the authentication itself succeeded").hasSize(1);
        assertThat(server.ntlm().refusals()).anySatisfy(m -> assertThat(m).startsWith("unencrypted "
                + "application/soap+xml"));
        assertThat(server.actions()).as("nothing unencrypted was served").isEmpty();
    }
}
