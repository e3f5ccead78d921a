package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimName;
import org.replprov.cim.CimQualifierType;
import org.replprov.cim.CimScope;
import org.replprov.cim.CimValue;
import org.replprov.testing.Vectors;

/** Spot checks of the built-in qualifier types against DSP0004 and WMI. */
class StandardQualifiersTest {

    private static CimQualifierType type(String name) {
        return StandardQualifiers.get(CimName.of(name)).orElseThrow(() -> new AssertionError(name + " missing"));
    }

    @Test
    void holdsTheQualifiersSchemaFilesUseWithoutDeclaring() {
        for (String name : new String[] {"Key", "Description", "DisplayName", "MaxLen", "MinLen", "MaxValue",
                "MinValue", "Values", "ValueMap", "Units", "In", "Out", "ID", "Required", "Dynamic", "Provider",
                "Singleton", "Abstract", "Association", "Indication", "Implemented", "Static", "Override", "Read",
                "Write", "Propagated", "Deprecated", "ModelCorrespondence", "MappingStrings", "UUID", "AMENDMENT",
                "Locale", "SubType", "EmbeddedInstance", "EmbeddedObject", "OctetString", "ArrayType", "Version",
                "Counter", "Gauge"}) {
            assertThat(type(name).name().toString()).isEqualToIgnoringCase(name);
        }
    }

    @Test
    void keyIsABooleanThatCannotBeOverridden() {
        CimQualifierType key = type("key");
        assertThat(key.dataType()).isEqualTo(CimDataType.BOOLEAN);
        assertThat(key.defaultValue()).isEqualTo(CimValue.Bool.FALSE);
        assertThat(key.scopes()).containsExactlyInAnyOrder(CimScope.PROPERTY, CimScope.REFERENCE);
        assertThat(key.flavors()).containsExactlyInAnyOrder(CimFlavor.DISABLEOVERRIDE, CimFlavor.TOSUBCLASS);
    }

    @Test
    void flavorsAreTheDefaultsWithTheDeclaredOnesApplied() {
        assertThat(type("Abstract").flavors()).isEqualTo(Set.of(CimFlavor.ENABLEOVERRIDE, CimFlavor.RESTRICTED));
        assertThat(type("Description").flavors())
                .isEqualTo(Set.of(CimFlavor.ENABLEOVERRIDE, CimFlavor.TOSUBCLASS, CimFlavor.TRANSLATABLE));
        assertThat(type("Version").flavors())
                .isEqualTo(Set.of(CimFlavor.ENABLEOVERRIDE, CimFlavor.RESTRICTED, CimFlavor.TRANSLATABLE));
        assertThat(type("Provider").flavors()).isEqualTo(CimFlavor.defaults());
    }

    @Test
    void typesAndDefaultsFollowDsp0004() {
        assertThat(type("MaxLen").dataType()).isEqualTo(CimDataType.UINT32);
        assertThat(type("MinLen").defaultValue()).isEqualTo(CimValue.uint32(0));
        assertThat(type("MaxValue").dataType()).isEqualTo(CimDataType.SINT64);
        assertThat(type("ValueMap").dataType()).isEqualTo(CimDataType.STRING_ARRAY);
        assertThat(type("In").defaultValue()).isEqualTo(CimValue.Bool.TRUE);
        assertThat(type("ID").dataType()).isEqualTo(CimDataType.SINT32);
        assertThat(type("ArrayType").defaultValue()).isEqualTo(CimValue.string("Bag"));
        assertThat(type("Association").scopes()).containsExactly(CimScope.ASSOCIATION);
    }

    @Test
    void theDocumentationListsEveryOne() {
        String doc = Vectors.read(Path.of("docs", "mof.md"));
        for (CimQualifierType t : StandardQualifiers.types().values()) {
            assertThat(doc).as("docs/mof.md row for " + t.name())
                    .contains("| " + t.name() + " | " + t.dataType() + " | ");
        }
    }

    @Test
    void aRedeclarationIsNotTheStandardOne() {
        CimQualifierType key = type("Key");
        assertThat(StandardQualifiers.isStandard(key)).isTrue();
        assertThat(StandardQualifiers.isStandard(new CimQualifierType(key.name(), key.dataType(), null,
                key.scopes(), key.flavors()))).isFalse();
    }
}
