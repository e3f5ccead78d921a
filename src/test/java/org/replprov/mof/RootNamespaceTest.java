package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;
import org.replprov.wql.ResultRow;

/**
 * The root namespace answers the check monitoring tools make before they query DFSR (the PRTG backlog sensor:
 * {@code __Namespace} in {@code root}), from the instances mof/root.mof declares; no provider is involved.
 */
class RootNamespaceTest {

    private static final ClassRepository SCHEMA = MofCompiler.loadShippedSchema();

    @Test
    void namespaceClassIsAKeyedSystemClass() {
        CimClass ns = SCHEMA.requireClass("root", CimName.of("__NAMESPACE"));
        assertThat(ns.superClass().map(CimClass::name)).contains(CimName.of("__SystemClass"));
        assertThat(ns.keys()).extracting(p -> p.name().toString()).containsExactly("Name");
    }

    @Test
    void thePrtgCheckFindsMicrosoftDfs() {
        try (ObjectManager om = ObjectManager.builder(SCHEMA).build()) {
            // As the sensor types it: the class name in another case than WMI's, the namespace in its case.
            List<ResultRow> rows = om.execQuery("root", "SELECT * FROM __Namespace WHERE Name = 'MicrosoftDfs'");
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.instance().value("Name")).isEqualTo(CimValue.string("MicrosoftDfs"));
                assertThat(r.instance().path().toString()).isEqualTo("__NAMESPACE.Name=\"MicrosoftDfs\"");
            });
            assertThat(om.execQuery("root", "SELECT Name FROM __NAMESPACE WHERE Name = 'NoSuchThing'")).isEmpty();
        }
    }

    @Test
    void theDeclaredChildNamespacesAreExactlyTheSchemasOwn() {
        List<String> children = SCHEMA.namespaces().stream().filter(n -> n.toLowerCase().startsWith("root/"))
                .map(n -> n.substring("root/".length())).toList();
        try (ObjectManager om = ObjectManager.builder(SCHEMA).build()) {
            assertThat(om.enumerateInstances("root", CimName.of("__NAMESPACE")))
                    .extracting(i -> i.value("Name").text()).containsExactlyInAnyOrderElementsOf(children);
        }
        assertThat(children).contains("MicrosoftDfs", "MicrosoftActiveDirectory");
    }
}
