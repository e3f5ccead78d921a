package org.replprov.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Instances hold embedded instances only where EmbeddedInstance/EmbeddedObject say so, and of the named class. */
class EmbeddingTest {

    private static final CimClass RECORD = CimClass.builder("Record")
            .property(CimProperty.of("Uid", CimDataType.STRING, CimQualifier.flag("Key"))).build();
    private static final CimClass CONFLICT = CimClass.builder("ConflictRecord").superClass(RECORD).build();
    private static final CimClass OTHER = CimClass.builder("Other")
            .property(CimProperty.of("Id", CimDataType.STRING, CimQualifier.flag("Key"))).build();
    private static final CimClass FOLDER = CimClass.builder("Folder")
            .property(CimProperty.of("Guid", CimDataType.STRING, CimQualifier.flag("Key")))
            .property(CimProperty.of("Last", CimDataType.STRING,
                    CimQualifier.of("EmbeddedInstance", CimValue.string("Record"))))
            .property(CimProperty.of("All", CimDataType.STRING_ARRAY,
                    CimQualifier.of("EmbeddedInstance", CimValue.string("Record"))))
            .property(CimProperty.of("Anything", CimDataType.STRING, CimQualifier.flag("EmbeddedObject")))
            .property(CimProperty.of("Note", CimDataType.STRING))
            .build();

    private static CimValue.Embedded embedded(CimClass c, String key) {
        return new CimValue.Embedded(CimInstance.builder(c).set(c.keys().get(0).name(), CimValue.string(key)).build());
    }

    private static CimInstance.Builder folder() {
        return CimInstance.builder(FOLDER).set("Guid", "f");
    }

    @Test
    void embeddedInstancesAreStringTypedValuesHoldingAnInstance() {
        CimValue.Embedded e = embedded(RECORD, "r1");
        assertThat(e.dataType()).isEqualTo(CimDataType.STRING);
        assertThat(e.coerce(CimDataType.STRING)).isSameAs(e);
        assertThat(e.text()).isEqualTo("instance of Record { Uid=r1; }");
        assertThat(new CimValue.Array(CimDataType.STRING, List.of(e, e)).dataType())
                .isEqualTo(CimDataType.STRING_ARRAY);
    }

    @Test
    void instancesOfTheClassOrASubclassPass() {
        CimInstance ok = folder().set("Last", embedded(CONFLICT, "c1"))
                .set("All", new CimValue.Array(CimDataType.STRING, List.of(embedded(RECORD, "r1"),
                        embedded(CONFLICT, "c2"))))
                .set("Anything", embedded(OTHER, "o1"))
                .set("Note", "text")
                .build();
        assertThat(ok.validate()).isSameAs(ok);
    }

    private static CimException invalid(CimInstance i) {
        return catchThrowableOfType(i::validate, CimException.class);
    }

    @Test
    void textWhereAnInstanceBelongsIsATypeMismatch() {
        CimException e = invalid(folder().set("Last", "instance of Record { Uid = \"r\"; };").build());
        assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TYPE_MISMATCH);
        assertThat(e.element()).contains(CimName.of("Last"));
        assertThat(e.description()).startsWith("Last is declared EmbeddedInstance(\"Record\") but holds the string");
        assertThat(invalid(folder().set("Anything", "x").build()).description())
                .startsWith("Anything is declared EmbeddedObject");
    }

    @Test
    void anInstanceOfAnotherClassIsATypeMismatch() {
        CimException e = invalid(folder().set("All", new CimValue.Array(CimDataType.STRING,
                List.of(embedded(RECORD, "r"), embedded(OTHER, "o")))).build());
        assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TYPE_MISMATCH);
        assertThat(e.description()).isEqualTo("All is declared EmbeddedInstance(\"Record\") but holds an instance of "
                + "Other");
    }

    @Test
    void anInstanceWhereTextBelongsIsATypeMismatch() {
        CimException e = invalid(folder().set("Note", embedded(RECORD, "r")).build());
        assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TYPE_MISMATCH);
        assertThat(e.description()).isEqualTo("Note holds an embedded instance of Record but is not declared "
                + "EmbeddedInstance or EmbeddedObject");
    }

    @Test
    void anEmbeddingIsReadFromTheQualifiers() {
        assertThat(Embedding.of(FOLDER.property("Last").orElseThrow().qualifiers()))
                .isEqualTo(new Embedding(CimName.of("Record"), false));
        assertThat(Embedding.of(FOLDER.property("Anything").orElseThrow().qualifiers()).object()).isTrue();
        assertThat(Embedding.of(FOLDER.property("Note").orElseThrow().qualifiers())).isSameAs(Embedding.NONE);
        assertThat(Embedding.NONE.embeds()).isFalse();
    }
}
