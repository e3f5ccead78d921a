package org.replprov.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.replprov.server.security.SelfSignedKeystore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replprov cert}: makes a self-signed certificate for trying TLS: a PKCS#12 keystore for the daemon, a file
 * with its password, and the certificate in PEM for clients ({@code wbemcli -cacert}, {@code replprov --cacert});
 * see {@link SelfSignedKeystore}.
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
    public Integer call() {
        SelfSignedKeystore made;
        try {
            made = SelfSignedKeystore.create(keystore, dnsNames, ipAddresses, days);
        } catch (FileAlreadyExistsException e) {
            spec.commandLine().getErr().println("replprov cert: " + e.getFile() + " exists; not overwriting it");
            return Main.EXIT_USAGE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("replprov cert: " + e.getMessage());
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
                """, made.keystore(), made.passwordFile(), made.certificate());
        return 0;
    }
}
