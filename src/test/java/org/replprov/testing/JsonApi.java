package org.replprov.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A running daemon's JSON API as a test reads it: requests and queries as one user, and a query asked again until
 * replication makes its answer true, within {@link TestMembers#WAIT}.
 *
 * @param base the daemon's listener ({@code http://127.0.0.1:5988/})
 * @param user the user, or null for anonymous requests
 */
public record JsonApi(HttpClient http, URI base, String user, String password) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** TLS that trusts only {@code certificate} (PEM), as {@code replprov --cacert} does. */
    public static SSLContext trusting(Path certificate) {
        try (InputStream pem = Files.newInputStream(certificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("daemon", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code request} with this user's credentials, when there is a user. */
    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (user != null) {
            request.header("Authorization", TestDaemon.basic(user, password));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The instances a query returns; fails unless the answer is 200. */
    public JsonNode query(String namespace, String wql) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/api/v1/query?namespace="
                + URLEncoder.encode(namespace, StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(wql, StandardCharsets.UTF_8))));
        assertThat(r.statusCode()).as(base + ": " + wql + " -> " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("instances");
    }

    /** Repeats a query until its instances pass {@code done}; returns them. */
    public JsonNode await(String namespace, String wql, Predicate<JsonNode> done)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TestMembers.WAIT.toNanos();
        JsonNode instances = query(namespace, wql);
        while (!done.test(instances)) {
            assertThat(System.nanoTime()).as("waiting for " + wql + " on " + base + "; last: " + instances)
                    .isLessThan(deadline);
            Thread.sleep(50);
            instances = query(namespace, wql);
        }
        return instances;
    }
}
