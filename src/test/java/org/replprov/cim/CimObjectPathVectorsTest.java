package org.replprov.cim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Runs {@code vectors/object-path/paths.tsv}: parse, inspect, print both forms, and parse each print back. */
class CimObjectPathVectorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/vectors/object-path/paths.tsv", delimiter = '\t', quoteCharacter = '`',
            maxCharsPerColumn = 65_536)
    void vector(ArgumentsAccessor row) {
        String input = row.getString(0);
        String wmi = row.getString(1);
        String uri = row.getString(2);
        if (wmi.equals("error")) {
            assertThatThrownBy(() -> CimObjectPath.parse(input)).isInstanceOfSatisfying(CimException.class, e -> {
                assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_OBJECT_PATH);
                assertThat(e.description()).contains("at column " + uri + ":");
            });
            return;
        }
        String host = row.getString(3);
        String namespace = row.getString(4);
        String className = row.getString(5);
        String keys = row.getString(6);
        CimObjectPath p = CimObjectPath.parse(input);
        assertThat(p.host().orElse("-")).isEqualTo(host);
        assertThat(p.namespace().orElse("-")).isEqualTo(namespace);
        assertThat(p.className().toString()).isEqualTo(className);
        assertThat(describeKeys(p)).isEqualTo(keys);
        assertThat(p.toWmiPath()).isEqualTo(wmi);
        assertThat(p.toWbemUri()).isEqualTo(uri);
        assertThat(CimObjectPath.parse(wmi)).isEqualTo(p).hasSameHashCodeAs(p);
        assertThat(CimObjectPath.parse(uri)).isEqualTo(p);
    }

    private static String describeKeys(CimObjectPath p) {
        if (p.isSingleton()) {
            return "@";
        }
        if (p.keys().isEmpty()) {
            return "-";
        }
        List<String> out = new ArrayList<>();
        for (CimObjectPath.Key k : p.keys()) {
            out.add((k.name() == null ? "?" : k.name().toString()) + "=" + k.value().text());
        }
        return String.join(";", out);
    }

    @Test
    void equalityIgnoresKeyOrderAndCase() {
        CimObjectPath a = CimObjectPath.parse("\\\\Srv\\ROOT\\microsoftdfs:dfsrconnectioninfo.A=1,B=\"x\"");
        CimObjectPath b = CimObjectPath.parse("//srv/root/MicrosoftDfs:DfsrConnectionInfo.b=\"X\",a=0x1");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.relative());
        assertThat(a.relative()).isEqualTo(b.relative());
    }

    @Test
    void keyOrderDoesNotChangeTheHash() {
        List<CimObjectPath.Key> keys = new ArrayList<>(List.of(
                new CimObjectPath.Key(CimName.of("A"), CimValue.uint32(1)),
                new CimObjectPath.Key(CimName.of("B"), CimValue.string("b")),
                new CimObjectPath.Key(CimName.of("C"), CimValue.bool(true))));
        CimObjectPath first = CimObjectPath.of("root/x", CimName.of("K"), keys);
        Collections.reverse(keys);
        CimObjectPath second = CimObjectPath.of("root/x", CimName.of("K"), keys);
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    @Test
    void resolvingKeysNamesTheUnnamedKeyAndTypesValues() {
        CimClass c = CimClass.builder("K")
                .property(CimProperty.of("Id", CimDataType.UINT32, CimQualifier.flag("Key")))
                .property(CimProperty.of("Other", CimDataType.STRING))
                .build();
        CimObjectPath p = CimObjectPath.parse("K=\"42\"").resolveKeys(c);
        assertThat(p.key(CimName.of("Id"))).contains(CimValue.uint32(42));
        assertThat(p.toWmiPath()).isEqualTo("K.Id=42");

        assertThatThrownBy(() -> CimObjectPath.parse("K.Other=\"x\"").resolveKeys(c))
                .isInstanceOfSatisfying(CimException.class,
                        e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_OBJECT_PATH));
        assertThatThrownBy(() -> CimObjectPath.parse("K.Id=\"abc\"").resolveKeys(c))
                .isInstanceOfSatisfying(CimException.class, e -> {
                    assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_TYPE_MISMATCH);
                    assertThat(e.element()).contains(CimName.of("Id"));
                });
        CimObjectPath classPath = CimObjectPath.forClass("root", CimName.of("K"));
        assertThat(classPath.resolveKeys(c)).isSameAs(classPath);
    }

    @Test
    void referenceKeysBecomePaths() {
        CimClass assoc = CimClass.builder("Assoc")
                .property(CimProperty.of("Ref", CimDataType.reference(CimName.of("C")), CimQualifier.flag("Key")))
                .build();
        CimObjectPath p = CimObjectPath.parse("Assoc.Ref=\"\\\\\\\\H\\\\root:C.K=\\\"x\\\"\"").resolveKeys(assoc);
        CimValue ref = p.key(CimName.of("Ref")).orElseThrow();
        assertThat(ref).isInstanceOf(CimObjectPath.class);
        assertThat(((CimObjectPath) ref).host()).contains("H");
        assertThat(CimObjectPath.parse(p.toWmiPath()).resolveKeys(assoc)).isEqualTo(p);
    }

    @Test
    void overlongPathsAreRefusedBeforeParsing() {
        String huge = "K.Name=\"" + "x".repeat(CimObjectPath.MAX_LENGTH) + "\"";
        assertThatThrownBy(() -> CimObjectPath.parse(huge)).isInstanceOfSatisfying(CimException.class,
                e -> assertThat(e.status()).isEqualTo(WbemStatus.WBEM_E_INVALID_OBJECT_PATH));
    }
}
