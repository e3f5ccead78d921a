package org.replprov.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.replprov.server.config.DaemonConfig;

/** TLS server contexts from the configured keystore; TLS 1.2 and 1.3 only. */
final class TlsContexts {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /**
     * An {@link SSLContext} serving the key in {@code tls}'s keystore.
     *
     * @throws UncheckedIOException when the keystore cannot be read or opened with the password
     */
    static SSLContext fromKeystore(DaemonConfig.Tls tls) {
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore ks = KeyStore.getInstance(tls.keystoreType());
            ks.load(in, tls.keystorePassword());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, tls.keystorePassword());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open keystore " + tls.keystore() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new UncheckedIOException("cannot use keystore " + tls.keystore() + ": " + e.getMessage(),
                    new IOException(e));
        }
    }
}
