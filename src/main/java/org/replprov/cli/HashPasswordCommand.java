package org.replprov.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.replprov.server.security.PasswordHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replprov hash-password}: prints the PBKDF2 hash of a password for {@code security.users[].passwordHash}. */
@Command(name = "hash-password", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Print a password hash for the daemon configuration.",
        footer = {"%nThe password is read from --password-file, --password-env, the terminal (asked twice), or the "
                + "first line of standard input. An empty password is refused (exit 2).",
            "Example: replprov hash-password --password-env MONITOR_PASSWORD"})
final class HashPasswordCommand implements Callable<Integer> {

    @Option(names = "--password-env", paramLabel = "NAME", description = "Environment variable holding the password.")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password (first line).")
    Path passwordFile;

    @Option(names = "--iterations", defaultValue = "" + PasswordHash.DEFAULT_ITERATIONS,
            description = "PBKDF2 iterations (default: ${DEFAULT-VALUE}; at least " + PasswordHash.MIN_ITERATIONS
                    + ", the fewest the daemon accepts).")
    int iterations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try {
            PasswordHash.checkIterations(iterations);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("replprov hash-password: --iterations: " + e.getMessage()
                    + " (the daemon refuses weaker hashes)");
            return Main.EXIT_USAGE;
        }
        char[] password = password();
        if (password == null) {
            return Main.EXIT_USAGE;
        }
        if (password.length == 0) {
            spec.commandLine().getErr().println("replprov hash-password: the password is empty; the daemon refuses "
                    + "empty passwords");
            return Main.EXIT_USAGE;
        }
        try {
            spec.commandLine().getOut().println(PasswordHash.create(password, iterations));
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] password() throws IOException {
        if (passwordFile != null) {
            return Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("")
                    .toCharArray();
        }
        if (passwordEnv != null) {
            String v = System.getenv(passwordEnv);
            if (v == null) {
                spec.commandLine().getErr().println("replprov hash-password: " + passwordEnv + " is not set");
                return null;
            }
            return v.toCharArray();
        }
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] second = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, second)) {
                spec.commandLine().getErr().println("replprov hash-password: the passwords differ");
                return null;
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
