package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimName;
import org.replprov.mof.MofCompiler;
import org.replprov.repository.ClassRepository;
import org.replprov.testing.Vectors;
import picocli.CommandLine;

/** {@code replprov mof check|show}, run in-process with captured output. */
class MofCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exitCode = cmd.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void checkWithoutArgumentsChecksTheShippedSchema() {
        Run r = run("mof", "check");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("root/MicrosoftDfs: 13 classes, 0 instances")
                .contains("root/MicrosoftActiveDirectory: 1 classes, 0 instances")
                .contains("root: 2 classes, 2 instances").contains("OK");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void checkCompilesFilesAndDirectories() {
        Run r = run("mof", "check", "mof", Vectors.dir("mof/ok").resolve("instances.mof").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("root/cimv2: 3 classes, 6 instances");
    }

    @Test
    void checkReportsTheErrorWithLocationSourceLineAndCaret() {
        Path file = Vectors.dir("mof/err").resolve("unknown-qualifier.mof");
        Run r = run("mof", "check", file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo(file + ":4:6: unknown qualifier Kee; declare it first: Qualifier Kee : type, "
                + "Scope(…);\n    [Kee] string Id;\n     ^\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void checkOfAMissingFileIsAUsageError() {
        Run r = run("mof", "check", "no/such/file.mof");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("no such file or directory: no/such/file.mof");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertThat(run("mof", "check", "--bogus").exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("mof", "show").exitCode()).as("CLASS is required").isEqualTo(Main.EXIT_USAGE);
        assertThat(run("mof").exitCode()).as("a subcommand is required").isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void showPrintsTheResolvedClassAsMofThatCompilesBack() {
        Run r = run("mof", "show", "dfsrconnectioninfo");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("class DfsrConnectionInfo : CIM_LogicalElement")
                .contains("[Key, DisplayName(\"Connection GUID\"), MaxLen(36), MinLen(36),")
                .contains("uint32 CheckConnectivity();")
                .contains("// inherited qualifiers:\n    // [MaxLen(64), DisplayName(\"Caption\")");

        ClassRepository schema = MofCompiler.loadShippedSchema();
        ClassRepository bases = MofCompiler.create().withNamespace(MofCompiler.SHIPPED_NAMESPACE)
                .compileText("bases.mof", run("mof", "show", "CIM_ManagedSystemElement").out()
                        + run("mof", "show", "CIM_LogicalElement").out());
        ClassRepository again = MofCompiler.create().withBase(bases).withNamespace(MofCompiler.SHIPPED_NAMESPACE)
                .compileText("shown.mof", r.out());
        CimName name = CimName.of("DfsrConnectionInfo");
        assertThat(again.getClass(MofCompiler.SHIPPED_NAMESPACE, name))
                .isEqualTo(schema.getClass(MofCompiler.SHIPPED_NAMESPACE, name));
    }

    @Test
    void showShowsInheritedMembersInComments() {
        Run r = run("mof", "show", "CIM_LogicalElement", "--namespace", "root\\MicrosoftDfs");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("    // inherited from CIM_ManagedSystemElement:\n    // [MaxLen(64)");
    }

    @Test
    void showReadsOtherFiles() {
        Run r = run("mof", "show", "Leaf", "--namespace", "root/cimv2", "--mof",
                Vectors.dir("mof/ok").resolve("inheritance.mof").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("class Leaf : Middle");
    }

    @Test
    void showOfAnUnknownClassIsAUsageError() {
        Run r = run("mof", "show", "NoSuchClass");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("class NoSuchClass is not defined in namespace root/MicrosoftDfs");
        assertThat(run("mof", "show", "DfsrConnectionInfo", "--namespace", "root/nowhere").err())
                .contains("no such namespace");
        assertThat(run("mof", "show", "not a name").exitCode()).isEqualTo(Main.EXIT_USAGE);
    }
}
