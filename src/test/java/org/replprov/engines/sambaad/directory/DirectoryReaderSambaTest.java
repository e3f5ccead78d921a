package org.replprov.engines.sambaad.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replprov.drsr.Bytes;
import org.replprov.drsr.RepsFromToCodec;
import org.replprov.engines.sambaad.directory.DirectoryException.Kind;
import org.replprov.testing.SambaDomain;
import org.replprov.testing.SambaDomain.DomainController;
import org.replprov.testing.ShowRepl;

/**
 * {@link DirectoryReader} against two real Samba AD DCs, with {@code samba-tool drs showrepl --json} of the same DC
 * as the oracle.
 */
class DirectoryReaderSambaTest {

    private static SambaDomain domain;

    @BeforeAll
    static void startDomain() throws Exception {
        domain = SambaDomain.start();
    }

    @AfterAll
    static void stopDomain() {
        if (domain != null) {
            domain.close();
        }
    }

    private static DirectorySettings settings(DomainController dc) {
        // The forwarded address is an IP literal; the certificate names the DC's DNS name.
        return DirectorySettings.of(dc.ldapsUrl(), domain.adminUpn(), Optional.of(dc.caFile()))
                .withTlsHostName(dc.hostName());
    }

    private static DirectorySnapshot read(DomainController dc) throws DirectoryException {
        try (DirectoryReader r = DirectoryReader.connect(settings(dc), domain.adminPassword().toCharArray())) {
            return r.readAll();
        }
    }

    @Test
    void rootDseAndDsaAreThoseShowreplReports() throws Exception {
        for (DomainController dc : domain.controllers()) {
            DirectorySnapshot s = read(dc);
            ShowRepl oracle = dc.showRepl();
            assertThat(s.rootDse().dnsHostName()).isEqualTo(dc.hostName());
            assertThat(s.rootDse().serverName()).startsWith("CN=" + dc.name() + ",CN=Servers,");
            assertThat(s.rootDse().dsServiceName()).isEqualTo("CN=NTDS Settings," + s.rootDse().serverName());
            assertThat(s.rootDse().defaultNamingContext()).isEqualTo(SambaDomain.DOMAIN_DN);
            assertThat(s.rootDse().configurationNamingContext()).isEqualTo("CN=Configuration," + SambaDomain.DOMAIN_DN);
            assertThat(s.rootDse().namingContexts()).hasSize(5).contains(SambaDomain.DOMAIN_DN);
            assertThat(s.rootDse().highestCommittedUsn()).isPositive();
            assertThat(s.rootDse().isSynchronized()).isTrue();
            assertThat(s.dsa().dn()).isEqualTo(s.rootDse().dsServiceName());
            assertThat(s.dsa().objectGuid()).isEqualTo(oracle.dsa().objectGuid());
            assertThat(s.dsa().invocationId()).isEqualTo(oracle.dsa().invocationId());
            assertThat(s.dsa().options()).isEqualTo(oracle.dsa().options());
            assertThat(s.dsa().masterNcs()).containsExactlyInAnyOrderElementsOf(s.rootDse().namingContexts());
            assertThat(s.sites()).extracting(Site::name).containsExactly("Default-First-Site-Name");
            assertThat(s.servers()).extracting(Server::name).containsExactlyInAnyOrder("DC1", "DC2");
            assertThat(s.servers()).allSatisfy(server -> assertThat(server.siteDn()).isEqualTo(s.sites().get(0).dn()));
        }
    }

    @Test
    void repsFromAndRepsToPerNcMatchShowrepl() throws Exception {
        for (DomainController dc : domain.controllers()) {
            DirectorySnapshot s = read(dc);
            ShowRepl oracle = dc.showRepl();
            assertThat(countByNc(s, true)).isEqualTo(withZeros(s, ShowRepl.countByNc(oracle.repsFrom())));
            assertThat(countByNc(s, false)).isEqualTo(withZeros(s, ShowRepl.countByNc(oracle.repsTo())));
        }
    }

    @Test
    void dc1HoldsRepsFromAndRepsToForDc2OnEveryNc() throws Exception {
        DirectorySnapshot s = read(domain.dc1());
        UUID dc2 = domain.dc2().showRepl().dsa().objectGuid();
        assertThat(s.namingContexts()).hasSize(5);
        for (NamingContextReplication nc : s.namingContexts()) {
            assertThat(nc.repsFrom()).as(nc.ncDn()).hasSize(1);
            assertThat(nc.repsTo()).as(nc.ncDn()).hasSize(1);
            for (Bytes value : List.of(nc.repsFrom().get(0), nc.repsTo().get(0))) {
                assertThat(value.length()).isGreaterThan(208);
                // The codec is the drsr package's; here it only proves that the bytes are the partner's entry.
                assertThat(RepsFromToCodec.decode(value.toArray()).fixed().uuidDsaObj()).isEqualTo(dc2);
            }
            assertThat(nc.replUpToDateVector()).as(nc.ncDn()).isPresent();
        }
    }

    @Test
    void connectionObjectsAreFoundOnBothDcsWithTheSameGuids() throws Exception {
        DirectorySnapshot one = read(domain.dc1());
        DirectorySnapshot two = read(domain.dc2());
        assertThat(one.connections()).hasSize(2);
        assertThat(two.connections()).containsExactlyInAnyOrderElementsOf(one.connections());
        for (DomainController dc : domain.controllers()) {
            DirectorySnapshot s = dc == domain.dc1() ? one : two;
            ShowRepl oracle = dc.showRepl();
            List<NtdsConnection> inbound = s.connections().stream()
                    .filter(c -> c.toServer().equals(s.dsa().dn())).toList();
            assertThat(inbound).hasSize(oracle.connections().size());
            NtdsConnection c = inbound.get(0);
            ShowRepl.Connection o = oracle.connections().get(0);
            assertThat(c.fromServer()).isEqualTo(o.remoteDn());
            assertThat(c.dn()).startsWith("CN=" + o.name() + ",");
            assertThat(c.options()).isEqualTo(o.options());
            assertThat(c.enabledConnection()).contains(o.enabled());
            assertThat(c.schedule()).hasValueSatisfying(b -> assertThat(b.length()).isEqualTo(188));
        }
    }

    @Test
    void startTlsOnPlainLdapReadsTheSame() throws Exception {
        DomainController dc = domain.dc1();
        DirectorySettings startTls = DirectorySettings.of(dc.ldapUrl(), domain.adminDn(), Optional.of(dc.caFile()))
                .withTlsHostName(dc.hostName());
        try (DirectoryReader r = DirectoryReader.connect(startTls, domain.adminPassword().toCharArray())) {
            assertThat(r.rootDse().dnsHostName()).isEqualTo(dc.hostName());
            assertThat(r.namingContext(SambaDomain.DOMAIN_DN).repsFrom()).hasSize(1);
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationErrorWithoutThePassword() {
        String wrong = "Not-The-Passw0rd-42";
        assertThatThrownBy(() -> DirectoryReader.connect(settings(domain.dc1()), wrong.toCharArray()))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                    assertThat(e.getMessage()).contains(domain.adminUpn()).contains("invalid credentials")
                            .doesNotContain(wrong).doesNotContain(domain.adminPassword());
                    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong);
                    }
                });
    }

    @Test
    void certificateForAnotherNameOrFromAnotherCaIsRefused() {
        DomainController dc = domain.dc1();
        assertThatThrownBy(() -> DirectoryReader.connect(settings(dc).withTlsHostName(domain.dc2().hostName()),
                domain.adminPassword().toCharArray())).isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TLS);
                    assertThat(e.getMessage()).contains(domain.dc2().hostName());
                });
        // DC2's CA did not sign DC1's certificate.
        DirectorySettings otherCa = new DirectorySettings(dc.ldapsUrl(), domain.adminUpn(),
                Optional.of(domain.dc2().caFile()), Optional.of(dc.hostName()), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 100, 1 << 20);
        assertThatThrownBy(() -> DirectoryReader.connect(otherCa, domain.adminPassword().toCharArray()))
                .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TLS));
    }

    @Test
    void stoppedDcIsAConnectErrorAndSuspendedOneATimeout() throws Exception {
        DomainController dc2 = domain.dc2();
        DirectorySettings quick = settings(dc2).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        char[] pw = domain.adminPassword().toCharArray();
        try (DirectoryReader r = DirectoryReader.connect(quick, pw)) {
            dc2.suspend();
            try {
                assertThatThrownBy(r::rootDse).isInstanceOfSatisfying(DirectoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
            } finally {
                dc2.resume();
            }
        }
        dc2.stop();
        try {
            assertThatThrownBy(() -> DirectoryReader.connect(quick, pw)).isInstanceOfSatisfying(
                    DirectoryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONNECT));
        } finally {
            dc2.start();
        }
        assertThat(read(dc2).rootDse().dnsHostName()).isEqualTo(dc2.hostName());
    }

    private static Map<String, Integer> countByNc(DirectorySnapshot s, boolean from) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (NamingContextReplication nc : s.namingContexts()) {
            counts.put(nc.ncDn(), (from ? nc.repsFrom() : nc.repsTo()).size());
        }
        return counts;
    }

    /** showrepl lists only NCs that have neighbours; the reader lists every NC. */
    private static Map<String, Integer> withZeros(DirectorySnapshot s, Map<String, Integer> oracle) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (NamingContextReplication nc : s.namingContexts()) {
            counts.put(nc.ncDn(), oracle.getOrDefault(nc.ncDn(), 0));
        }
        return counts;
    }
}
