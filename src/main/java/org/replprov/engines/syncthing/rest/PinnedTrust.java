package org.replprov.engines.syncthing.rest;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for an HTTPS GUI given as PEM. Syncthing makes its GUI certificate itself ({@code https-cert.pem}, self-signed,
 * for the name "syncthing"), so a URL with an IP address or the real host name never matches it: a server presenting
 * exactly one of the configured certificates is trusted as that certificate, like a pinned key. Any other chain is
 * checked against the configured certificates as CAs, host name included (the JDK's PKIX checks).
 */
final class PinnedTrust extends X509ExtendedTrustManager {

    private final List<X509Certificate> pinned;
    private final X509ExtendedTrustManager pkix;

    private PinnedTrust(List<X509Certificate> pinned, X509ExtendedTrustManager pkix) {
        this.pinned = pinned;
        this.pkix = pkix;
    }

    /** An SSL context trusting the certificates in {@code pem}; IllegalArgumentException when there are none. */
    static SSLContext context(String pem) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var c : java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("the Syncthing CA file holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("syncthing-" + i, certificates.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            X509ExtendedTrustManager pkix = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    pkix = x;
                }
            }
            if (pkix == null) {
                throw new IllegalStateException("the JDK offers no X.509 trust manager");
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new PinnedTrust(List.copyOf(certificates), pkix)}, null);
            return ssl;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the Syncthing CA file is not PEM certificates: " + e.getMessage(), e);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e, e);
        }
    }

    private boolean isPinned(X509Certificate[] chain) {
        return chain != null && chain.length > 0 && pinned.contains(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (!isPinned(chain)) {
            pkix.checkServerTrusted(chain, authType, engine);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        if (!isPinned(chain)) {
            pkix.checkServerTrusted(chain, authType, socket);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (!isPinned(chain)) {
            ((X509TrustManager) pkix).checkServerTrusted(chain, authType);
        }
    }

    // The client never authenticates anyone.
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("no client certificates are accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("no client certificates are accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("no client certificates are accepted");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
