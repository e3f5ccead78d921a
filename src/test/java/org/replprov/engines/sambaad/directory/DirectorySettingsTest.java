package org.replprov.engines.sambaad.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.replprov.engines.sambaad.directory.DirectoryException.Kind;

class DirectorySettingsTest {

    private static DirectorySettings of(String url) {
        return DirectorySettings.of(URI.create(url), "Administrator@EXAMPLE.TEST", Optional.empty());
    }

    @Test
    void portsAndCertificateNameFollowTheUrl() {
        assertThat(of("ldaps://dc1.example.test").port()).isEqualTo(636);
        assertThat(of("ldap://dc1.example.test").port()).isEqualTo(389);
        assertThat(of("LDAPS://dc1.example.test:3269").port()).isEqualTo(3269);
        assertThat(of("ldap://dc1.example.test").ldaps()).isFalse();
        assertThat(of("ldaps://dc1.example.test/").expectedCertificateName()).isEqualTo("dc1.example.test");
        assertThat(of("ldaps://127.0.0.1:4636").withTlsHostName("dc1.example.test").expectedCertificateName())
                .isEqualTo("dc1.example.test");
        assertThat(of("ldapi://%2Frun%2Fsamba%2Fldapi").socket()).hasValue(java.nio.file.Path.of("/run/samba/ldapi"));
        assertThat(of("ldaps://dc1.example.test").socket()).isEmpty();
    }

    @Test
    void refusesWhatItCannotHonour() {
        assertThatThrownBy(() -> of("ldapi:///run/samba/ldapi")).hasMessageContaining("percent-encoded");
        assertThatThrownBy(() -> of("http://dc1.example.test")).hasMessageContaining("ldaps://host");
        assertThatThrownBy(() -> of("ldaps:///DC=example")).hasMessageContaining("no host");
        assertThatThrownBy(() -> of("ldaps://dc1.example.test/DC=example,DC=test")).hasMessageContaining("no DN");
        assertThatThrownBy(() -> DirectorySettings.of(URI.create("ldaps://dc1"), " ", Optional.empty()))
                .hasMessageContaining("user is empty");
        assertThatThrownBy(() -> of("ldaps://dc1").withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new DirectorySettings(URI.create("ldaps://dc1"), "u", Optional.empty(),
                Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 1 << 20))
                .hasMessageContaining("maxEntries");
    }

    @Test
    void emptyPasswordAndUnreadableCaFileFailBeforeAnyConnection() {
        // Port 9 on an unrouted documentation address: had a connection been tried, the error would be CONNECT.
        DirectorySettings s = DirectorySettings.of(URI.create("ldaps://192.0.2.1:9"), "u", Optional.empty());
        assertThatThrownBy(() -> DirectoryReader.connect(s, new char[0])).isInstanceOfSatisfying(
                DirectoryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));
        DirectorySettings missingCa = DirectorySettings.of(URI.create("ldaps://192.0.2.1:9"), "u",
                Optional.of(Path.of("/nonexistent/ca.pem")));
        assertThatThrownBy(() -> DirectoryReader.connect(missingCa, "pw".toCharArray()))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TLS);
                    assertThat(e.getMessage()).contains("/nonexistent/ca.pem").doesNotContain("pw");
                });
    }
}
