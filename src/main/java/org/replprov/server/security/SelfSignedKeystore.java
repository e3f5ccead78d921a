package org.replprov.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A self-signed certificate for trying TLS: a PKCS#12 keystore for the daemon ({@code FILE}), a file with its
 * password ({@code FILE.pass}) and the certificate in PEM for clients ({@code FILE.pem}). Made by the JDK's
 * {@code keytool}, since the JDK has no public API that signs certificates. For production, use a certificate from
 * your CA in a keystore of your own.
 *
 * @param keystore the keystore file; the other two are named after it
 */
public record SelfSignedKeystore(Path keystore) {

    private static final String ALIAS = "replprov";

    /** The file holding the keystore's password. */
    public Path passwordFile() {
        return Path.of(keystore + ".pass");
    }

    /** The certificate in PEM, for clients ({@code wbemcli -cacert}, {@code replprov --cacert}). */
    public Path certificate() {
        return Path.of(keystore + ".pem");
    }

    /**
     * Creates the three files: an EC P-256 key, a certificate for the given names signed with it (SHA-256 with ECDSA),
     * and a random password. The keystore and the password file are readable by their owner only.
     *
     * @param dnsNames the DNS names the certificate is for; the first is also its common name
     * @param ipAddresses the IP addresses it is for
     * @throws FileAlreadyExistsException when the keystore exists: it is never overwritten
     * @throws IOException when keytool fails, with its output
     */
    public static SelfSignedKeystore create(Path keystore, List<String> dnsNames, List<String> ipAddresses, int days)
            throws IOException {
        if (Files.exists(keystore)) {
            throw new FileAlreadyExistsException(keystore.toString(), null, "exists; not overwriting it");
        }
        SelfSignedKeystore made = new SelfSignedKeystore(keystore);
        String password = Secrets.randomPassword();
        Secrets.writePrivate(made.passwordFile(), password);
        String san = Stream.concat(dnsNames.stream().map(d -> "dns:" + d), ipAddresses.stream().map(i -> "ip:" + i))
                .collect(Collectors.joining(","));
        try {
            keytool(password, List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", "CN=" + dnsNames.get(0), "-ext", "SAN=" + san,
                    "-validity", Integer.toString(days), "-storetype", "PKCS12", "-keystore", keystore.toString()));
            Secrets.restrictToOwner(keystore);
            keytool(password, List.of("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(),
                    "-file", made.certificate().toString()));
        } catch (IOException failed) {
            Files.deleteIfExists(keystore);
            Files.deleteIfExists(made.passwordFile());
            throw failed;
        }
        return made;
    }

    /** The keystore's password, from its password file. */
    public char[] password() throws IOException {
        return Secrets.read(passwordFile()).toCharArray();
    }

    /**
     * Writes a PKCS#12 trust store holding only the certificate (no key), under the keystore's password: what a peer
     * needs to trust this certificate, as the embedded engine's {@code peer.trustStore}.
     */
    public void writeTrustStore(Path trustStore) throws IOException {
        char[] password = password();
        try (InputStream pem = Files.newInputStream(certificate());
             OutputStream out = Files.newOutputStream(trustStore)) {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(pem);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, cert);
            trust.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }

    /** Runs keytool with the store password in its environment, never on the command line. */
    private static void keytool(String password, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        command.addAll(List.of("-storepass:env", "REPLPROV_STOREPASS", "-noprompt"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("REPLPROV_STOREPASS", password);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc;
        try {
            rc = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
        if (rc != 0) {
            throw new IOException("keytool failed (exit " + rc + "): " + output.strip());
        }
    }
}
