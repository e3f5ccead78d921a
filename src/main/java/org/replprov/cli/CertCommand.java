package org.replprov.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replprov cert}: makes a self-signed certificate for trying TLS: a PKCS#12 keystore for the daemon, a file
 * with its password, and the certificate in PEM for clients ({@code wbemcli -cacert}, {@code replprov --cacert}).
 * It runs the JDK's {@code keytool}. For production, use a certificate from your CA in a keystore of your own.
 */
@Command(name = "cert", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Create a self-signed certificate and keystore for trying TLS.",
        footer = "%nWrites FILE (PKCS#12), FILE.pass (its password) and FILE.pem (the certificate for clients).")
final class CertCommand implements Callable<Integer> {

    @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "Keystore to create.")
    Path keystore;

    @Option(names = "--dns", defaultValue = "localhost", split = ",",
            description = "DNS names the certificate is for (default: ${DEFAULT-VALUE}).")
    List<String> dnsNames;

    @Option(names = "--ip", defaultValue = "127.0.0.1", split = ",",
            description = "IP addresses the certificate is for (default: ${DEFAULT-VALUE}).")
    List<String> ipAddresses;

    @Option(names = "--days", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (Files.exists(keystore)) {
            spec.commandLine().getErr().println("replprov cert: " + keystore + " exists; not overwriting it");
            return Main.EXIT_USAGE;
        }
        Path passFile = Path.of(keystore + ".pass");
        Path pemFile = Path.of(keystore + ".pem");
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(passFile, password + "\n", StandardCharsets.UTF_8);
        privateFile(passFile);

        String san = dnsNames.stream().map(d -> "dns:" + d).collect(Collectors.joining(",")) + ","
                + ipAddresses.stream().map(i -> "ip:" + i).collect(Collectors.joining(","));
        int rc = keytool(password, List.of("-genkeypair", "-alias", "replprov", "-keyalg", "EC", "-groupname",
                "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=" + dnsNames.get(0), "-ext", "SAN=" + san,
                "-validity", Integer.toString(days), "-storetype", "PKCS12", "-keystore", keystore.toString()));
        if (rc == 0) {
            privateFile(keystore);
            rc = keytool(password, List.of("-exportcert", "-rfc", "-alias", "replprov", "-keystore",
                    keystore.toString(), "-file", pemFile.toString()));
        }
        if (rc != 0) {
            spec.commandLine().getErr().println("replprov cert: keytool failed (exit " + rc + ")");
            return 1;
        }
        spec.commandLine().getOut().printf("""
                Created %1$s (keystore), %2$s (its password) and %3$s (certificate for clients).
                Listener configuration:
                  - address: 127.0.0.1
                    port: 5989
                    tls:
                      keystore: %1$s
                      keystorePasswordFile: %2$s
                """, keystore, passFile, pemFile);
        return 0;
    }

    /** Runs keytool with the store password in its environment, never on the command line. */
    private int keytool(String password, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        command.addAll(List.of("-storepass:env", "REPLPROV_STOREPASS", "-noprompt"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("REPLPROV_STOREPASS", password);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            spec.commandLine().getErr().print(output);
        }
        return rc;
    }

    private static void privateFile(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // permissions are the file system's business there
        }
    }
}
