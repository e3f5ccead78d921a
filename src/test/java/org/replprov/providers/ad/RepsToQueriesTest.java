package org.replprov.providers.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.replprov.providers.ad.RepsToFixture.CONFIGURATION;
import static org.replprov.providers.ad.RepsToFixture.EXAMPLE;
import static org.replprov.providers.ad.RepsToFixture.FAILING;
import static org.replprov.providers.ad.RepsToFixture.NS;
import static org.replprov.providers.ad.RepsToFixture.READ_ONLY;
import static org.replprov.providers.ad.RepsToFixture.entry;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Win32Error;
import org.replprov.wql.ResultRow;

/** WQL over ReplProv_RepsTo through the object manager, and the rules of MS-DRSR §5.173 as the class shows them. */
class RepsToQueriesTest {

    private static final String SAMBA_NC = "DC=probe,DC=test";

    private RepsToFixture f;

    @BeforeEach
    void fill() {
        f = new RepsToFixture();
        f.store.put(entry(EXAMPLE, FAILING));
        f.store.put(entry(CONFIGURATION, READ_ONLY));
        f.store.put(entry(SAMBA_NC, RepsToFixture.sambaAfterJoin()));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<String> partners(String where) {
        return f.om.execQuery(NS, "SELECT NaDsa FROM ReplProv_RepsTo " + where).stream()
                .map(r -> r.instance().value(RepsToSchema.NA_DSA).text()).toList();
    }

    private CimInstance only(String where) {
        List<ResultRow> rows = f.om.execQuery(NS, "SELECT * FROM ReplProv_RepsTo " + where);
        assertThat(rows).as(where).hasSize(1);
        return rows.get(0).instance();
    }

    private static List<String> strings(CimValue array) {
        return ((CimValue.Array) array).elements().stream().map(CimValue::text).toList();
    }

    @Test
    void failingPartners() {
        assertThat(partners("WHERE ConsecutiveFailures > 0")).containsExactly("dc2.example.com");
        assertThat(partners("WHERE ResultLastAttemptName = 'RPC_S_SERVER_UNAVAILABLE'"))
                .containsExactly("dc2.example.com");
        assertThat(partners("WHERE ResultLastAttempt = 1722 AND TimeLastAttempt > '20241111215700.000000+000'"))
                .containsExactly("dc2.example.com");
    }

    @Test
    void writableReplicas() {
        assertThat(partners("WHERE Writable = TRUE"))
                .containsExactly("dc2.example.com", "a7b01005-24dd-4ffd-958d-563590dd22dc._msdcs.probe.test");
        assertThat(partners("WHERE Writable = FALSE")).containsExactly("");
    }

    @Test
    void partnersNeverNotifiedSuccessfully() {
        assertThat(partners("WHERE TimeLastSuccess IS NULL"))
                .containsExactly("a7b01005-24dd-4ffd-958d-563590dd22dc._msdcs.probe.test");
        assertThat(partners("WHERE TimeLastSuccess IS NOT NULL AND ConsecutiveFailures = 0")).containsExactly("");
    }

    @Test
    void optionNamesAreReadAndOptionsFiltered() {
        CimInstance readOnly = only("WHERE Options = " + READ_ONLY.options().raw());
        assertThat(strings(readOnly.value(RepsToSchema.OPTION_NAMES)))
                .containsExactly("DRS_NONGC_RO_REP", "DRS_NEVER_NOTIFY");
        assertThat(f.om.execQuery(NS, "SELECT OptionNames FROM ReplProv_RepsTo WHERE Writable = TRUE"))
                .allSatisfy(r -> assertThat(strings(r.instance().value(RepsToSchema.OPTION_NAMES)))
                        .containsExactly("DRS_WRIT_REP"));
    }

    @Test
    void everyPropertyOfAValue() {
        CimInstance i = only("WHERE NamingContext = 'dc=example,dc=com'");
        assertThat(i.value(RepsToSchema.NAMING_CONTEXT).text()).isEqualTo(EXAMPLE);
        assertThat(i.value(RepsToSchema.UUID_DSA).text()).isEqualTo("5FEF3270-3934-46F3-8B63-B5FC9C55F981");
        assertThat(i.value(RepsToSchema.NA_DSA).text()).isEqualTo("dc2.example.com");
        assertThat(i.value(RepsToSchema.OPTIONS).text()).isEqualTo("16");
        assertThat(i.value(RepsToSchema.WRITABLE).text()).isEqualToIgnoringCase("true");
        assertThat(i.value(RepsToSchema.RESULT_LAST_ATTEMPT).text()).isEqualTo("1722");
        assertThat(i.value(RepsToSchema.RESULT_LAST_ATTEMPT_NAME).text()).isEqualTo("RPC_S_SERVER_UNAVAILABLE");
        assertThat(i.value(RepsToSchema.CONSECUTIVE_FAILURES).text()).isEqualTo("2");
        assertThat(i.value(RepsToSchema.TIME_LAST_ATTEMPT).text()).isEqualTo("20241111220000.000000+000");
        assertThat(i.value(RepsToSchema.TIME_LAST_SUCCESS).text()).isEqualTo("20241111215643.000000+000");
    }

    @Test
    void sambasValueShowsTheRulesOfTheAbstractType() {
        CimInstance samba = only("WHERE NamingContext = '" + SAMBA_NC + "'");
        // Stored flags 0x1C: DRS_ADD_REF and DRS_DEL_REF are not among the bits a RepsTo keeps.
        assertThat(samba.value(RepsToSchema.OPTIONS).text()).isEqualTo("16");
        assertThat(strings(samba.value(RepsToSchema.OPTION_NAMES))).containsExactly("DRS_WRIT_REP");
        // Both DSTIMEs are 0: never attempted, never succeeded, although the result reads as success.
        assertThat(samba.value(RepsToSchema.TIME_LAST_ATTEMPT)).isNull();
        assertThat(samba.value(RepsToSchema.TIME_LAST_SUCCESS)).isNull();
        assertThat(samba.value(RepsToSchema.RESULT_LAST_ATTEMPT_NAME).text()).isEqualTo("ERROR_SUCCESS");
        assertThat(samba.value(RepsToSchema.UUID_DSA).text()).isEqualTo("A7B01005-24DD-4FFD-958D-563590DD22DC");
    }

    @Test
    void anEmptyAddressIsTheEmptyStringAndUnknownCodesHaveNoName() {
        RepsTo odd = new RepsTo("", UUID.fromString("00000000-0000-4000-8000-0000000000aa"), ReplicaFlags.NONE,
                new Win32Error(0xBEEF), 1, new DsTime(Long.MAX_VALUE), DsTime.NEVER);
        f.store.replace("DC=odd,DC=test", List.of(odd));
        CimInstance i = only("WHERE NamingContext = 'DC=odd,DC=test'");
        assertThat(i.value(RepsToSchema.NA_DSA).text()).isEmpty();
        assertThat(i.value(RepsToSchema.OPTION_NAMES)).isEqualTo(CimValue.Array.ofStrings(List.of()));
        assertThat(i.value(RepsToSchema.RESULT_LAST_ATTEMPT).text()).isEqualTo(Long.toString(0xBEEF));
        assertThat(i.value(RepsToSchema.RESULT_LAST_ATTEMPT_NAME)).isNull();
        // A time no CIM datetime can write (far beyond 9999) is as unknown as "never".
        assertThat(i.value(RepsToSchema.TIME_LAST_ATTEMPT)).isNull();
    }

    @Test
    void instancesByPathWhateverTheCaseAndBraces() {
        CimInstance i = f.om.getInstance(NS, CimObjectPath.parse("ReplProv_RepsTo.NamingContext=\"dc=EXAMPLE,dc=com\","
                + "UuidDsa=\"{5fef3270-3934-46f3-8b63-b5fc9c55f981}\""));
        assertThat(i.path()).isEqualTo(CimObjectPath.parse("ReplProv_RepsTo.NamingContext=\"DC=example,DC=com\","
                + "UuidDsa=\"5FEF3270-3934-46F3-8B63-B5FC9C55F981\""));
        for (String missing : List.of("NamingContext=\"DC=other\",UuidDsa=\"5FEF3270-3934-46F3-8B63-B5FC9C55F981\"",
                "NamingContext=\"DC=example,DC=com\",UuidDsa=\"not-a-guid\"")) {
            assertThatThrownBy(() -> f.om.getInstance(NS, CimObjectPath.parse("ReplProv_RepsTo." + missing)))
                    .isInstanceOfSatisfying(CimException.class,
                            e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_NOT_FOUND));
        }
        assertThat(f.om.enumerateInstanceNames(NS, RepsToSchema.CLASS)).hasSize(3).contains(i.path());
    }
}
