package org.replprov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replprov.testing.Commands;
import org.replprov.testing.TestMembers;

/**
 * {@code replprov lab}: bad options stop it before anything is made, and as a process it prints a table whose
 * commands work as printed, in a shell, against the lab it started; SIGTERM stops it gracefully.
 */
class LabCommandTest {

    private static final String READY = "Ctrl-C stops the lab";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "17"})
    void aMemberCountOutsideTwoToSixteenIsAUsageError(String members) {
        Path lab = dir.resolve("lab");
        Cli.Run r = Cli.run("lab", "--members", members, "--dir", lab.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).isEqualTo("replprov lab: a lab has 2 to 16 members (a hub and its branches), not "
                + members + System.lineSeparator());
        assertThat(lab).doesNotExist();
    }

    @Test
    void aPortWithoutRoomForEveryMemberIsAUsageError() {
        Cli.Run r = Cli.run("lab", "--port", "65534", "--dir", dir.resolve("lab").toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).isEqualTo("replprov lab: the first port must be 0 (free ports) or 1 to 65533 for 3 "
                + "members, not 65534" + System.lineSeparator());
    }

    @Test
    void aDirectoryThatHoldsSomethingElseIsAUsageError() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Cli.Run r = Cli.run("lab", "--port", "0", "--dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("replprov lab: " + dir + " is not empty and holds no lab");
    }

    /**
     * The lab as an operator runs it, in its working directory with the default {@code --dir}: every command line it
     * prints runs in a shell ({@code ./replprov} standing for this build), and does what its comment says.
     */
    @Test
    void theCommandsItPrintsWorkAsPrinted() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("java.class.path");
        Path out = dir.resolve("lab.out");
        Path log = dir.resolve("lab.log");
        Process lab = new ProcessBuilder(java.toString(), "-cp", classPath, Main.class.getName(), "lab", "--port", "0")
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        try {
            String table = awaitReady(lab, out, log);
            assertThat(table).contains("state in lab (new)", "hub      hub     https://127.0.0.1:",
                    "branch1  branch  https://127.0.0.1:", "lab/branch2/docs");
            List<String> commands = table.lines().dropWhile(l -> !l.startsWith("Try"))
                    .filter(l -> l.startsWith("  ") && !l.startsWith("  #")).map(String::strip).toList();
            assertThat(commands).hasSize(5);

            String shell = "cd " + LabCommand.quote(dir.toString()) + " && replprov() { "
                    + LabCommand.quote(java.toString()) + " -cp " + LabCommand.quote(classPath) + " "
                    + Main.class.getName() + " \"$@\"; }\n";
            Commands.Result connections = sh(shell, commands.get(0));
            assertThat(connections.stdout()).contains("branch1", "branch2").contains("(2 instances)");
            Commands.Result repsTo = sh(shell, commands.get(1));
            assertThat(repsTo.stdout().lines().filter(l -> l.contains("https://127.0.0.1:"))).hasSize(2);

            assertThat(commands.get(2)).isEqualTo("echo hello > lab/hub/docs/hello.txt");
            sh(shell, commands.get(2));
            TestMembers.awaitFile(dir.resolve("lab/branch1/docs/hello.txt"), "hello\n");
            TestMembers.awaitFile(dir.resolve("lab/branch2/docs/hello.txt"), "hello\n");
            assertThat(sh(shell, commands.get(3)).stdout()).contains("hello.txt", "README.txt");

            Commands.Result invoked = sh(shell, commands.get(4));
            assertThat(invoked.stdout()).containsPattern("ReturnValue\\s+0");

            lab.destroy(); // SIGTERM
            assertThat(lab.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(lab.exitValue()).as("the JVM's exit status after SIGTERM").isEqualTo(143);
        } finally {
            lab.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("Stop requested (signal)", "Stopping member branch2",
                "Stopping member hub", "Lab stopped; its state stays in lab for the next start");
    }

    private static String awaitReady(Process lab, Path out, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lab.isAlive() && System.nanoTime() < deadline) {
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            if (printed.contains(READY)) {
                return printed;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the lab did not get ready; output: " + Files.readString(out) + "\nlog: "
                + Files.readString(log));
    }

    /** Runs one printed command line in a shell; it must succeed. */
    private static Commands.Result sh(String shell, String command) throws IOException, InterruptedException {
        Commands.Result r = Commands.run(Duration.ofSeconds(60), List.of("sh", "-c",
                shell + command.replaceFirst("^\\./replprov ", "replprov ")));
        assertThat(r.exitCode()).as(command + "\n" + r.stdout() + r.stderr()).isZero();
        return r;
    }
}
