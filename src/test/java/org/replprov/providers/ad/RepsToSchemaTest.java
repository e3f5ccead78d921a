package org.replprov.providers.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimName;
import org.replprov.cim.CimProperty;
import org.replprov.config.ConfigurationException;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsTo;
import org.replprov.mof.MofCompiler;
import org.replprov.state.InMemoryRepsToStore;

/**
 * The shipped ReplProv_RepsTo against the table of docs/ms-drsr-repsto.md §8 and the provider's constants: the table
 * is the expectation, the MOF and {@link RepsToSchema} must agree with it.
 */
class RepsToSchemaTest {

    private static final CimClass SHIPPED = MofCompiler.loadShippedSchema()
            .requireClass(RepsToSchema.NAMESPACE, RepsToSchema.CLASS);

    /** One row of the documented table. */
    private record Documented(CimName name, String type, boolean key) {
    }

    /** The rows of the table whose header starts with "| Property | CIM type | Key |". */
    private static List<Documented> documentedTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/ms-drsr-repsto.md"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("| Property | CIM type | Key |"))
                .findFirst().orElseThrow());
        return lines.stream().skip(header + 2).takeWhile(l -> l.startsWith("|")).map(l -> {
            String[] cells = l.split("\\|");
            return new Documented(CimName.of(cells[1].strip().replace("`", "")), cells[2].strip(),
                    cells[3].strip().equals("yes"));
        }).toList();
    }

    @Test
    void theMofDeclaresTheDocumentedPropertiesInOrder() throws IOException {
        List<Documented> table = documentedTable();
        assertThat(table).hasSize(11);
        assertThat(SHIPPED.properties()).extracting(CimProperty::name)
                .containsExactlyElementsOf(table.stream().map(Documented::name).toList());
        for (Documented d : table) {
            CimProperty p = SHIPPED.property(d.name()).orElseThrow();
            assertThat(p.dataType()).as(d.name().toString()).hasToString(d.type());
            assertThat(p.isKey()).as(d.name() + " key").isEqualTo(d.key());
            assertThat(p.qualifiers().string("Description")).as(d.name() + " Description").isNotEmpty();
            assertThat(p.qualifiers().string("DisplayName")).as(d.name() + " DisplayName").isNotEmpty();
            assertThat(p.defaultValue()).as(d.name() + " default").isNull();
        }
    }

    @Test
    void theProviderConstantsAreTheDocumentedOnes() throws IOException {
        List<Documented> table = documentedTable();
        assertThat(RepsToSchema.PROPERTIES.keySet()).containsExactlyElementsOf(table.stream()
                .map(Documented::name).toList());
        table.forEach(d -> assertThat(RepsToSchema.PROPERTIES.get(d.name())).hasToString(d.type()));
        assertThat(RepsToSchema.KEYS).containsExactlyElementsOf(table.stream().filter(Documented::key)
                .map(Documented::name).toList());
        assertThat(RepsToSchema.check(SHIPPED)).isEmpty();
    }

    @Test
    void aDynamicRootClassWithACheckedGuidKey() {
        assertThat(SHIPPED.superClass()).isEmpty();
        assertThat(SHIPPED.isAbstract()).isFalse();
        assertThat(SHIPPED.qualifiers().isTrue("Dynamic")).isTrue();
        assertThat(SHIPPED.qualifiers().string("Provider")).contains("replprov");
        assertThat(SHIPPED.qualifiers().string("Description")).isNotEmpty();
        CimProperty uuidDsa = SHIPPED.property(RepsToSchema.UUID_DSA).orElseThrow();
        assertThat(uuidDsa.qualifiers().integer("MaxLen")).contains(36L);
        assertThat(uuidDsa.qualifiers().integer("MinLen")).contains(36L);
    }

    @Test
    void theOptionsBitMapListsExactlyTheBitsARepsToKeeps() {
        CimProperty options = SHIPPED.property(RepsToSchema.OPTIONS).orElseThrow();
        List<ReplicaFlags.Flag> kept = RepsTo.PRESERVED_OPTIONS.flags();
        assertThat(options.qualifiers().strings("BitMap")).containsExactlyElementsOf(kept.stream()
                .map(f -> Integer.toString(Integer.numberOfTrailingZeros(f.bit()))).toList());
        assertThat(options.qualifiers().strings("BitValues")).containsExactlyElementsOf(kept.stream()
                .map(ReplicaFlags.Flag::name).toList());
    }

    @Test
    void aClassThatDoesNotFitIsRefusedWithEveryReason() {
        CimClass wrong = CimClass.builder("ReplProv_RepsTo")
                .property(CimProperty.of("UuidDsa", CimDataType.UINT32))
                .build();
        assertThat(RepsToSchema.check(wrong)).contains("property UuidDsa is uint32, expected string",
                "property NamingContext is missing", "the keys are [], expected [NamingContext, UuidDsa]");
        assertThatThrownBy(() -> RepsToProvider.builder().cimClass(wrong))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not fit the provider");
        assertThatThrownBy(() -> RepsToProvider.builder().source(InMemoryRepsToStore.create()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("call schema(...) first");
        assertThatThrownBy(() -> RepsToProvider.builder().schema(MofCompiler.create().compileText("empty.mof", "")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("has no class ReplProv_RepsTo");
    }
}
