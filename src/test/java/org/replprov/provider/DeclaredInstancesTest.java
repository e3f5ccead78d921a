package org.replprov.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.WbemStatus;
import org.replprov.repository.ClassRepository;

/** A class without a provider serves the instances its MOF declares. */
class DeclaredInstancesTest {

    @Test
    void declaredInstancesAreServedWithoutAProvider() {
        CimClass site = CimClass.builder("Demo_Site")
                .property(CimProperty.of("Name", CimDataType.STRING, CimQualifier.flag("Key"))).build();
        CimInstance hq = CimInstance.builder(site).set("Name", "HQ").build();
        ClassRepository repo = ClassRepository.builder().addClass("root/demo", site).addInstance("root/demo", hq)
                .build();
        try (ObjectManager om = ObjectManager.builder(repo).build()) {
            assertThat(om.enumerateInstances("root/demo", site.name())).containsExactly(hq);
            assertThat(om.getInstance("root/demo", CimObjectPath.parse("Demo_Site.Name=\"hq\""))).isEqualTo(hq);
            assertThat(om.enumerateInstanceNames("root/demo", site.name()))
                    .containsExactly(CimObjectPath.parse("Demo_Site.Name=\"HQ\""));
            assertThatThrownBy(() -> om.getInstance("root/demo", CimObjectPath.parse("Demo_Site.Name=\"Branch\"")))
                    .isInstanceOfSatisfying(CimException.class,
                            e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_NOT_FOUND));
        }
    }
}
