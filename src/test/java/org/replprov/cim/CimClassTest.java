package org.replprov.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DSP0004 inheritance as {@link CimClass.Builder} resolves it. */
class CimClassTest {

    private static final CimClass BASE = CimClass.builder("CIM_ManagedSystemElement")
            .qualifier(CimQualifier.flag("Abstract").asPropagated().withFlavors(Set.of(CimFlavor.RESTRICTED)))
            .qualifier(CimQualifier.of("Description", CimValue.string("base")))
            .property(CimProperty.of("Caption", CimDataType.STRING,
                    CimQualifier.of("MaxLen", CimValue.uint32(64))))
            .property(CimProperty.of("Name", CimDataType.STRING))
            .property(CimProperty.of("Status", CimDataType.STRING).withDefault(CimValue.string("OK")))
            .method(CimMethod.of("Ping", CimDataType.UINT32, List.of()))
            .build();

    @Test
    void inheritedMembersKeepTheirOriginAndAreMarkedPropagated() {
        CimClass child = CimClass.builder("Child").superClass(BASE)
                .property(CimProperty.of("Id", CimDataType.STRING, CimQualifier.flag("Key")))
                .build();
        assertThat(child.properties()).extracting(p -> p.name().toString())
                .containsExactly("Caption", "Name", "Status", "Id");
        CimProperty caption = child.property("caption").orElseThrow();
        assertThat(caption.classOrigin()).hasToString("CIM_ManagedSystemElement");
        assertThat(caption.propagated()).isTrue();
        assertThat(caption.qualifiers().integer("MaxLen")).contains(64L);
        assertThat(child.property("Id").orElseThrow().classOrigin()).hasToString("Child");
        assertThat(child.keys()).extracting(p -> p.name().toString()).containsExactly("Id");
        assertThat(child.method(CimName.of("ping")).orElseThrow().propagated()).isTrue();
        assertThat(child.isA(CimName.of("cim_managedsystemelement"))).isTrue();
        assertThat(BASE.isA(CimName.of("Child"))).isFalse();
    }

    @Test
    void restrictedQualifiersDoNotPropagateAndOthersDo() {
        CimClass child = CimClass.builder("Child").superClass(BASE).build();
        assertThat(BASE.isAbstract()).isTrue();
        assertThat(child.isAbstract()).isFalse();
        assertThat(child.qualifiers().string("Description")).contains("base");
        assertThat(child.qualifiers().get("Description").orElseThrow().propagated()).isTrue();
    }

    @Test
    void aRedeclaredPropertyOverridesInPlaceAndMergesQualifiers() {
        CimClass child = CimClass.builder("Child").superClass(BASE)
                .property(CimProperty.of("Caption", CimDataType.STRING,
                        CimQualifier.of("DisplayName", CimValue.string("Caption"))))
                .build();
        assertThat(child.properties().get(0).name()).hasToString("Caption");
        CimProperty caption = child.properties().get(0);
        assertThat(caption.propagated()).isFalse();
        assertThat(caption.classOrigin()).hasToString("Child");
        assertThat(caption.qualifiers().integer("MaxLen")).contains(64L);
        assertThat(caption.qualifiers().string("DisplayName")).contains("Caption");
        assertThat(child.property("Status").orElseThrow().defaultValue()).isEqualTo(CimValue.string("OK"));
    }

    @Test
    void anOverrideMayNotChangeTheType() {
        assertThatThrownBy(() -> CimClass.builder("Child").superClass(BASE)
                .property(CimProperty.of("Caption", CimDataType.UINT32)).build())
                .isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TYPE_MISMATCH));
    }

    @Test
    void disableOverrideQualifiersCannotChange() {
        CimClass locked = CimClass.builder("Locked")
                .property(CimProperty.of("P", CimDataType.STRING, CimQualifier.of("MaxLen", CimValue.uint32(8))
                        .withFlavors(Set.of(CimFlavor.DISABLEOVERRIDE, CimFlavor.TOSUBCLASS))))
                .build();
        assertThatThrownBy(() -> CimClass.builder("Child").superClass(locked)
                .property(CimProperty.of("P", CimDataType.STRING, CimQualifier.of("MaxLen", CimValue.uint32(9))))
                .build())
                .isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_OVERRIDE_NOT_ALLOWED));
    }

    @Test
    void duplicatesAreRefused() {
        assertThatThrownBy(() -> CimClass.builder("Twice")
                .property(CimProperty.of("P", CimDataType.STRING))
                .property(CimProperty.of("p", CimDataType.STRING)).build())
                .isInstanceOfSatisfying(CimException.class, e -> {
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_PROPERTY);
                    assertThat(e.element()).contains(CimName.of("P"));
                });
        assertThatThrownBy(() -> CimQualifiers.of(CimQualifier.flag("Key"), CimQualifier.flag("KEY")))
                .isInstanceOf(CimException.class);
        assertThatThrownBy(() -> CimMethod.of("M", CimDataType.UINT32, List.of(
                CimParameter.of("A", CimDataType.UINT32), CimParameter.of("a", CimDataType.STRING))))
                .isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_DUPLICATE_PARAMETER));
    }

    @Test
    void parametersDefaultToInAndReadTheirIds() {
        CimParameter mode = CimParameter.of("Mode", CimDataType.UINT32, CimQualifier.flag("in"),
                CimQualifier.of("ID", CimValue.sint32(0)));
        CimParameter out = CimParameter.of("Result", CimDataType.STRING, CimQualifier.flag("Out"),
                CimQualifier.of("In", CimValue.Bool.FALSE));
        assertThat(mode.isIn()).isTrue();
        assertThat(mode.id()).hasValue(0);
        assertThat(CimParameter.of("X", CimDataType.UINT32).isIn()).isTrue();
        assertThat(out.isIn()).isFalse();
        assertThat(out.isOut()).isTrue();
    }
}
