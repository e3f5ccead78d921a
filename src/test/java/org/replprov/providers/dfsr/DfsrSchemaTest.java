package org.replprov.providers.dfsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimProperty;
import org.replprov.config.ConfigurationException;
import org.replprov.mof.MofCompiler;

/** The provider's constants against the shipped MOF. */
class DfsrSchemaTest {

    private static final CimClass SHIPPED = MofCompiler.loadShippedSchema()
            .requireClass(DfsrSchema.NAMESPACE, DfsrSchema.CLASS);

    @Test
    void theShippedClassFitsTheProvider() {
        assertThat(DfsrSchema.check(SHIPPED)).isEmpty();
        assertThat(SHIPPED.properties()).extracting(CimProperty::name)
                .containsExactlyInAnyOrderElementsOf(DfsrSchema.PROPERTIES.keySet());
        assertThat(MofCompiler.SHIPPED_NAMESPACE).isEqualToIgnoringCase(DfsrSchema.NAMESPACE);
    }

    @Test
    void theShippedValueMapsAdmitEveryValueTheProviderWrites() {
        var errorCodes = SHIPPED.property(DfsrSchema.LAST_ERROR_CODE).orElseThrow().qualifiers().strings("ValueMap");
        assertThat(org.replprov.cim.ValueMap.of(errorCodes).permits(
                org.replprov.cim.CimValue.uint32(LastError.DFSR_E_CANNOT_CONNECT))).isTrue();
        var messages = SHIPPED.property(DfsrSchema.LAST_ERROR_MESSAGE_ID).orElseThrow().qualifiers()
                .strings("ValueMap");
        for (var f : org.replprov.engine.spi.ConnectionFailure.values()) {
            assertThat(messages).contains(Integer.toString(f.eventId()));
        }
        var statuses = SHIPPED.property(DfsrSchema.STATUS).orElseThrow().qualifiers().strings("ValueMap");
        for (ConnectionStatus s : ConnectionStatus.values()) {
            assertThat(statuses).contains(s.text());
        }
        var states = SHIPPED.property(DfsrSchema.STATE).orElseThrow().qualifiers().strings("Values");
        assertThat(states).containsExactly("Connecting", "Online", "Offline", "In Error");
        for (ConnectionState s : ConnectionState.values()) {
            assertThat(states.get(s.value())).isEqualTo(s.displayName());
        }
    }

    @Test
    void aClassThatDoesNotFitIsRefusedWithEveryReason() {
        CimClass wrong = CimClass.builder("DfsrConnectionInfo")
                .property(CimProperty.of("ConnectionGuid", CimDataType.UINT32))
                .build();
        List<String> problems = DfsrSchema.check(wrong);
        assertThat(problems).contains("property ConnectionGuid is uint32, expected string",
                "property State is missing", "the keys are [], expected [ConnectionGuid]",
                "method ForceReplication is missing");
        assertThatThrownBy(() -> DfsrConnectionInfoProvider.builder().cimClass(wrong))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not fit the provider: property Caption is missing;");
    }
}
