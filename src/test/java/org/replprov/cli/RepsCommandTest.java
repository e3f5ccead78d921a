package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replprov.drsr.ReplUpToDateVectorCodec;
import org.replprov.drsr.RepsDump;
import org.replprov.drsr.RepsFromToCodec;
import org.replprov.drsr.UpToDateVectorDump;
import picocli.CommandLine;

/** {@code replprov reps decode|encode}, run in-process through {@link Main#commandLine()}. */
class RepsCommandTest {

    /** Worked example A: a repsTo value as Samba writes it (MS-DRSR 5.171, Samba layout). */
    private static final String EXAMPLE_A = "0100000000000000e4000000020000009b0e431d03000000600f431d03000000"
            + "ba060000d00000001400000010000000" + "00".repeat(112) + "7032ef5f3439f3468b63b5fc9c55f981"
            + "00".repeat(32) + "100000006463322e6578616d706c652e636f6d00";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String dumpOfExampleA() throws Exception {
        return RepsDump.dump(RepsFromToCodec.decode(HexFormat.of().parseHex(EXAMPLE_A)));
    }

    @Test
    void decodesHexBase64AndFilesWithTheSharedPrinter() throws Exception {
        byte[] blob = HexFormat.of().parseHex(EXAMPLE_A);
        Path file = Files.write(dir.resolve("a.bin"), blob);
        String spaced = EXAMPLE_A.replaceAll("(.{32})", "$1\n  ");
        for (String[] args : new String[][] {
                {"reps", "decode", "--hex", EXAMPLE_A},
                {"reps", "decode", "--hex", spaced.toUpperCase()},
                {"reps", "decode", "--base64", Base64.getEncoder().encodeToString(blob)},
                {"reps", "decode", file.toString()}}) {
            Run run = run(args);
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out()).isEqualTo(dumpOfExampleA());
        }
    }

    @Test
    void decodeJsonThenEncodeGivesTheBytesBack() throws IOException {
        Run decoded = run("reps", "decode", "--json", "--hex", EXAMPLE_A);
        assertThat(decoded.exit()).isZero();
        assertThat(decoded.out()).contains("\"naDsa\" : \"dc2.example.com\"");
        Path json = Files.writeString(dir.resolve("a.json"), decoded.out());

        assertThat(run("reps", "encode", "--layout", "samba", json.toString()).out()).isEqualTo(EXAMPLE_A + "\n");
        String windows = run("reps", "encode", "--layout", "WINDOWS", json.toString()).out().strip();
        assertThat(windows).hasSize(2 * 236).startsWith("0100000000000000ec000000");
        String v2 = run("reps", "encode", "--layout", "windows", "--version", "2", json.toString()).out().strip();
        assertThat(v2).startsWith("02000000").hasSize(2 * 332);
    }

    @Test
    void badInputIsOneErrorLineAndExitCode2() throws IOException {
        Path badJson = Files.writeString(dir.resolve("bad.json"), "{\"version\": 1}");
        String truncated = EXAMPLE_A.substring(0, 2 * 0xB4);
        assertError(run("reps", "decode", "--hex", truncated),
                "error: cbOtherDraOffset=0x000000D0 points past end of blob (len=0x00B4) at offset 0x24");
        assertError(run("reps", "decode", "--hex", "abc"), "error: --hex: odd number of hex digits (3)");
        assertError(run("reps", "decode", "--base64", "!!"), "error: --base64: ");
        assertError(run("reps", "decode"), "error: give exactly one of --hex, --base64 or FILE");
        assertError(run("reps", "decode", "--hex", "00", "--base64", "AA=="),
                "error: give exactly one of --hex, --base64 or FILE");
        assertError(run("reps", "decode", dir.resolve("missing.bin").toString()), "error: cannot read ");
        assertError(run("reps", "encode", "--layout", "samba", badJson.toString()),
                "error: consecutiveFailures: missing");
    }

    /** One version 2 replUpToDateVector cursor: invocation ID 5fef3270-…, USN 4088, 2024-11-11T21:56:43Z. */
    private static final String UTDV = "02000000000000000100000000000000"
            + "7032ef5f3439f3468b63b5fc9c55f981" + "f80f000000000000" + "801f1e988434db01";

    @Test
    void decodesReplUpToDateVectorValues() throws Exception {
        String dump = UpToDateVectorDump.dump(ReplUpToDateVectorCodec.decode(HexFormat.of().parseHex(UTDV)));
        String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(UTDV));
        for (String[] args : new String[][] {
                {"reps", "decode", "--attribute", "replUpToDateVector", "--hex", UTDV},
                {"reps", "decode", "--attribute", "REPLUPTODATEVECTOR", "--base64", b64}}) {
            Run run = run(args);
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.out()).isEqualTo(dump)
                    .contains("0x028  rgCursors[0].timeLastSyncSuccess     133758358030000000 = 2024-11-11T21:56:43Z");
        }
        Run json = run("reps", "decode", "--attribute", "replUpToDateVector", "--json", "--hex", UTDV);
        assertThat(json.exit()).isZero();
        assertThat(json.out()).contains("\"usnHighPropUpdate\" : 4088", "\"timeLastSyncSuccess\" : 133758358030000000");
        assertError(run("reps", "decode", "--attribute", "replUpToDateVector", "--hex", UTDV + "00"),
                "error: rgCursors ends at 0x30 but 1 more bytes follow (len=0x0031) at offset 0x30");
        // A repsTo value read as an up-to-date vector: its cb field (228) reads as the cursor count.
        assertError(run("reps", "decode", "--attribute", "replUpToDateVector", "--hex", EXAMPLE_A),
                "error: cNumCursors=228 needs 0x1560 bytes of version 1 cursors but 0x00D4 follow the header "
                        + "(len=0x00E4) at offset 0x08");
    }

    @Test
    void repsFromAndRepsToValuesDecodeAlike() throws Exception {
        for (String attribute : new String[] {"repsFrom", "repsto"}) {
            Run run = run("reps", "decode", "--attribute", attribute, "--hex", EXAMPLE_A);
            assertThat(run.exit()).as(attribute).isZero();
            assertThat(run.out()).as(attribute).isEqualTo(dumpOfExampleA());
        }
        Run bad = run("reps", "decode", "--attribute", "repsSideways", "--hex", EXAMPLE_A);
        assertThat(bad.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(bad.err()).contains("'repsSideways' is none of repsTo, repsFrom, replUpToDateVector");
    }

    @Test
    void usageErrorsExitWith2() {
        Run noLayout = run("reps", "encode", "x.json");
        assertThat(noLayout.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noLayout.err()).startsWith("error: Missing required option: '--layout=windows|samba'");
        Run badLayout = run("reps", "encode", "--layout", "ntds", "x.json");
        assertThat(badLayout.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(badLayout.err()).contains("'ntds' is neither windows nor samba");
        assertThat(run("reps").exit()).isEqualTo(Main.EXIT_USAGE);
    }

    private static void assertError(Run run, String expectedStart) {
        assertThat(run.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith(expectedStart).endsWith("\n");
        assertThat(run.err().lines()).hasSize(1);
    }
}
