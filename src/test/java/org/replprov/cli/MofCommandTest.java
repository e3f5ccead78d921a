package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        assertThat(r.out()).contains("root/MicrosoftDfs: 14 classes, 0 instances")
                .contains("root/MicrosoftActiveDirectory: 6 classes, 0 instances")
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
        assertThat(r.out()).startsWith("#pragma namespace(\"root/MicrosoftDfs\")\n")
                .contains("class DfsrConnectionInfo : CIM_LogicalElement")
                .contains("[Key, DisplayName(\"Connection GUID\"), MaxLen(36), MinLen(36),")
                .contains("uint32 CheckConnectivity();")
                .contains("// inherited qualifiers:\n    // [MaxLen(64), DisplayName(\"Caption\")");
        // The superclasses come first, root down, so that the unit compiles without the shipped schema.
        assertThat(r.out().indexOf("class CIM_ManagedSystemElement\n")).isPositive()
                .isLessThan(r.out().indexOf("class CIM_LogicalElement : CIM_ManagedSystemElement\n"));
        assertThat(r.out().indexOf("class CIM_LogicalElement : CIM_ManagedSystemElement\n"))
                .isLessThan(r.out().indexOf("class DfsrConnectionInfo : CIM_LogicalElement\n"));

        ClassRepository schema = MofCompiler.loadShippedSchema();
        ClassRepository again = MofCompiler.create().compileText("shown.mof", r.out());
        for (String name : List.of("CIM_ManagedSystemElement", "CIM_LogicalElement", "DfsrConnectionInfo")) {
            CimName className = CimName.of(name);
            assertThat(again.getClass(MofCompiler.SHIPPED_NAMESPACE, className)).as(name)
                    .isEqualTo(schema.getClass(MofCompiler.SHIPPED_NAMESPACE, className));
        }
        assertThat(again.classes(MofCompiler.SHIPPED_NAMESPACE)).hasSize(3);
    }

    @Test
    void checkCompilesWhatShowPrints(@TempDir Path dir) throws IOException {
        Run shown = run("mof", "show", "DfsrConnectionInfo");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        Path file = Files.writeString(dir.resolve("DfsrConnectionInfo.mof"), shown.out());

        Run r = run("mof", "check", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("root/MicrosoftDfs: 3 classes, 0 instances\nOK\n");
    }

    @Test
    void showDeclaresTheQualifierTypesTheUnitUses(@TempDir Path dir) throws IOException {
        Path mof = Files.writeString(dir.resolve("custom.mof"), """
                #pragma namespace("root/test")
                Qualifier Unused : string, Scope(any);
                Qualifier Colour : string, Scope(property);
                class Base
                {
                    [Colour("red")] string Name;
                };
                class Leaf : Base
                {
                    [Key] string Id;
                };
                """);
        Run shown = run("mof", "show", "Leaf", "--namespace", "root/test", "--mof", mof.toString());
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Qualifier Colour : string").doesNotContain("Unused")
                .contains("class Base\n").contains("class Leaf : Base\n");

        Path file = Files.writeString(dir.resolve("shown.mof"), shown.out());
        Run r = run("mof", "check", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("root/test: 2 classes, 0 instances");
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
