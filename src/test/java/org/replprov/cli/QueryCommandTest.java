package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code replprov query --offline}, run in-process with captured output. */
class QueryCommandTest {

    private static final String INSTANCES = Path.of("src/test/resources/cli/query/connections.mof").toString();
    private static final String GUID = "3E337B81-109F-4A97-880C-2B5E2C1C3F0";

    private record Run(int exitCode, String out, String err) {
    }

    private static Run query(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"query", "--offline", "--instances", INSTANCES, "--server", "SRV-A"}, 0, all, 0, 6);
        System.arraycopy(args, 0, all, 6, args.length);
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new Run(cmd.execute(all), out.toString(), err.toString());
    }

    @Test
    void jsonIsAnArrayOfObjectsWithPathAndTypedValues() throws Exception {
        Run r = query("-o", "json", "SELECT State, Inbound, LastSuccessfulSyncTime, LastErrorCode FROM "
                + "DfsrConnectionInfo WHERE Inbound = 'True'");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(2);
        JsonNode first = json.get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("__PATH", "ConnectionGuid", "Inbound", "State",
                "LastSuccessfulSyncTime", "LastErrorCode");
        assertThat(first.get("__PATH").asText())
                .isEqualTo("\\\\SRV-A\\root\\MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid=\"" + GUID + "1\"");
        assertThat(first.get("State").isIntegralNumber()).isTrue();
        assertThat(first.get("State").asInt()).isEqualTo(3);
        assertThat(first.get("Inbound").isBoolean()).isTrue();
        assertThat(first.get("LastSuccessfulSyncTime").asText()).isEqualTo("20240115080000.000000+000");
        assertThat(json.get(1).get("LastErrorCode").isNull()).isTrue();
    }

    @Test
    void tableIsTheDefaultAsForEveryOtherCommand() {
        Run r = query("SELECT PartnerName, State FROM DfsrConnectionInfo WHERE State = 1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(query("--output", "table", "SELECT PartnerName, State FROM DfsrConnectionInfo "
                + "WHERE State = 1").out()).startsWith("ConnectionGuid ");
    }

    @Test
    void tableAndCsv() {
        Run table = query("--output", "table", "SELECT PartnerName, State FROM DfsrConnectionInfo WHERE State = 1");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).isEqualTo(String.join("\n",
                "ConnectionGuid                        PartnerName    State",
                GUID + "2  srv-c, \"east\"  1",
                GUID + "3  DC01           1",
                "(2 instances)", ""));
        Run csv = query("--output", "csv", "SELECT PartnerName FROM DfsrConnectionInfo WHERE PartnerName LIKE 'srv-c%'");
        assertThat(csv.out()).isEqualTo("ConnectionGuid,PartnerName\r\n" + GUID + "2,\"srv-c, \"\"east\"\"\"\r\n");
    }

    @Test
    void anEmptyResultIsAnEmptyArray() {
        Run r = query("-o", "json", "SELECT * FROM DfsrConnectionInfo WHERE State = 0");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("[ ]");
    }

    @Test
    void queryErrorsNameStatusAndColumn() {
        Run r = query("SELECT * FROM DfsrConnectionInfo WHERE SendingMemberName = 'SRV-A'");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: WBEM_E_INVALID_QUERY (0x80041017) at column 40: class DfsrConnectionInfo "
                + "has no property SendingMemberName\n");
        assertThat(query("SELECT * FROM Nope").err()).startsWith("error: WBEM_E_INVALID_CLASS (0x80041010) at column 15: ");
        assertThat(query("SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'DfsrConnectionInfo'").err())
                .startsWith("error: WBEM_E_NOT_SUPPORTED (0x8004100C): ");
    }

    @Test
    void associationQueriesOverTheDeclaredInstancesAreEmptyForDfsr() {
        Run r = query("-o", "json", "ASSOCIATORS OF {DfsrConnectionInfo.ConnectionGuid=\"" + GUID + "1\"}");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("[ ]");
    }

    @Test
    void usageErrors() {
        assertThat(query("--output", "xml", "SELECT * FROM DfsrConnectionInfo").exitCode()).isEqualTo(Main.EXIT_USAGE);
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cmd.execute("query", "--url", "http://127.0.0.1:1", "SELECT * FROM DfsrConnectionInfo"))
                .as("without --offline the query goes to a daemon").isEqualTo(ApiException.UNREACHABLE);
        assertThat(cmd.execute("query", "--offline", "--instances", "x.mof", "--url", "http://127.0.0.1:1",
                "SELECT * FROM DfsrConnectionInfo")).as("offline and daemon exclude each other")
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(cmd.execute("query", "--offline", "--instances", "no/such.mof", "SELECT * FROM X"))
                .isEqualTo(Main.EXIT_USAGE);
    }
}
