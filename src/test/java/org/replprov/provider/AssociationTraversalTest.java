package org.replprov.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.replprov.provider.ObjectManagerTest.assertStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.WbemStatus;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.spi.InstanceProvider;
import org.replprov.provider.spi.InstanceSink;
import org.replprov.provider.spi.ProviderContext;
import org.replprov.providers.dfsr.DfsrSchema;
import org.replprov.repository.ClassRepository;
import org.replprov.wql.ResultRow;

/**
 * ASSOCIATORS OF and REFERENCES OF through the object manager, over test-only classes: domain controllers served by a
 * provider, sites declared in MOF, a DC-in-site association served by a provider and a replication association
 * declared in MOF.
 */
class AssociationTraversalTest {

    private static final String NS = "root/test";

    private static final CimClass DC = CimClass.builder("Test_Dc")
            .property(CimProperty.of("Name", CimDataType.STRING, CimQualifier.flag("Key")))
            .property(CimProperty.of("Role", CimDataType.STRING))
            .build();
    private static final CimClass SITE = CimClass.builder("Test_Site")
            .property(CimProperty.of("Name", CimDataType.STRING, CimQualifier.flag("Key")))
            .build();
    private static final CimClass DC_IN_SITE = CimClass.builder("Test_DcInSite")
            .qualifier(CimQualifier.flag("Association"))
            .property(CimProperty.of("Dc", CimDataType.reference(DC.name()), CimQualifier.flag("Key")))
            .property(CimProperty.of("Site", CimDataType.reference(SITE.name()), CimQualifier.flag("Key")))
            .property(CimProperty.of("Since", CimDataType.STRING))
            .build();
    private static final CimClass REPLICATES = CimClass.builder("Test_Replicates")
            .qualifier(CimQualifier.flag("Association"))
            .property(CimProperty.of("Source", CimDataType.reference(DC.name()), CimQualifier.flag("Key")))
            .property(CimProperty.of("Target", CimDataType.reference(DC.name()), CimQualifier.flag("Key")))
            .build();

    private static final CimInstance HQ = CimInstance.builder(SITE).set("Name", "HQ").build();
    private static final CimInstance BRANCH = CimInstance.builder(SITE).set("Name", "Branch").build();

    /** Serves dc1, dc2 and dc3 (dc4 is named by an association but does not exist) and counts GetInstance calls. */
    private final Served dcs = new Served("dcs", List.of(dc("dc1", "PDC"), dc("dc2", "RODC"), dc("dc3", "DC")));
    private final Served links = new Served("links", List.of(inSite("dc1", HQ), inSite("dc2", BRANCH),
            inSite("dc3", HQ)));
    private final ObjectManager om = ObjectManager.builder(repository())
            .register(NS, DC.name(), dcs).register(NS, DC_IN_SITE.name(), links).serverName("SRV").build();

    @AfterEach
    void close() {
        om.close();
    }

    private static ClassRepository repository() {
        return ClassRepository.builder().addClass(NS, DC).addClass(NS, SITE).addClass(NS, DC_IN_SITE)
                .addClass(NS, REPLICATES)
                .addInstance(NS, HQ).addInstance(NS, BRANCH)
                .addInstance(NS, replicates("dc1", "dc2"))
                .addInstance(NS, replicates("dc1", "dc3"))
                .addInstance(NS, replicates("dc3", "dc1"))
                .addInstance(NS, replicates("dc1", "dc4"))
                .build();
    }

    private static CimInstance dc(String name, String role) {
        return CimInstance.builder(DC).set("Name", name).set("Role", role).build();
    }

    private static CimObjectPath dcPath(String name) {
        return CimObjectPath.parse("Test_Dc.Name=\"" + name + "\"");
    }

    private static CimInstance inSite(String dc, CimInstance site) {
        return CimInstance.builder(DC_IN_SITE).set("Dc", dcPath(dc)).set("Site", site.path()).set("Since", "2024")
                .build();
    }

    private static CimInstance replicates(String source, String target) {
        return CimInstance.builder(REPLICATES).set("Source", dcPath(source)).set("Target", dcPath(target)).build();
    }

    private List<String> paths(String query) {
        return om.execQuery(NS, query).stream().map(r -> r.relativePath().toWmiPath()).toList();
    }

    @Test
    void associatorsAreTheWholeObjectsAtTheOtherEnds() {
        List<ResultRow> rows = om.execQuery(NS, "ASSOCIATORS OF {Test_Dc.Name=\"dc1\"}");
        assertThat(rows).extracting(r -> r.relativePath().toWmiPath()).containsExactly(
                "Test_Site.Name=\"HQ\"", "Test_Dc.Name=\"dc2\"", "Test_Dc.Name=\"dc3\"", "Test_Dc.Name=\"dc3\"");
        assertThat(rows.get(1).instance()).isEqualTo(dc("dc2", "RODC"));
        assertThat(rows.get(1).path().toWmiPath()).isEqualTo("\\\\SRV\\root\\test:Test_Dc.Name=\"dc2\"");
    }

    @Test
    void eachAssociatorIsFetchedOnce() {
        om.execQuery(NS, "ASSOCIATORS OF {Test_Dc.Name=\"dc1\"} WHERE AssocClass = Test_Replicates");
        assertThat(dcs.gets).containsExactly(dcPath("dc2"), dcPath("dc3"), dcPath("dc4"));
    }

    @Test
    void aReferenceToNoInstanceIsPassedOver() {
        assertThat(paths("ASSOCIATORS OF {Test_Dc.Name=\"dc1\"} WHERE ResultRole = Target"))
                .containsExactly("Test_Dc.Name=\"dc2\"", "Test_Dc.Name=\"dc3\"");
    }

    @Test
    void theFiltersOfTheWqlLayerApply() {
        assertThat(paths("ASSOCIATORS OF {Test_Site.Name=\"HQ\"}"))
                .containsExactly("Test_Dc.Name=\"dc1\"", "Test_Dc.Name=\"dc3\"");
        assertThat(paths("ASSOCIATORS OF {Test_Dc.Name='dc3'} WHERE ResultClass = Test_Site"))
                .containsExactly("Test_Site.Name=\"HQ\"");
        assertThat(paths("ASSOCIATORS OF {Test_Dc.Name='dc3'} WHERE Role = Target"))
                .containsExactly("Test_Dc.Name=\"dc1\"");
        List<ResultRow> keys = om.execQuery(NS, "ASSOCIATORS OF {Test_Site.Name='Branch'} WHERE KeysOnly");
        assertThat(keys).singleElement().satisfies(r -> {
            assertThat(r.instance().properties()).extracting(p -> p.name().toString()).containsExactly("Name");
            assertThat(r.relativePath()).isEqualTo(dcPath("dc2"));
        });
    }

    @Test
    void referencesAreTheAssociationInstances() {
        List<ResultRow> rows = om.execQuery(NS, "REFERENCES OF {Test_Dc.Name=\"dc3\"}");
        assertThat(rows).extracting(ResultRow::instance)
                .containsExactly(inSite("dc3", HQ), replicates("dc1", "dc3"), replicates("dc3", "dc1"));
        assertThat(paths("REFERENCES OF {Test_Site.Name='HQ'} WHERE KeysOnly")).hasSize(2);
        assertThat(om.execQuery(NS, "REFERENCES OF {Test_Site.Name='HQ'} WHERE KeysOnly"))
                .allSatisfy(r -> assertThat(r.instance().properties()).allMatch(CimProperty::isKey));
        assertThat(paths("REFERENCES OF {Test_Dc.Name='dc3'} WHERE ResultClass = Test_DcInSite")).containsExactly(
                "Test_DcInSite.Dc=\"Test_Dc.Name=\\\"dc3\\\"\",Site=\"Test_Site.Name=\\\"HQ\\\"\"");
    }

    @Test
    void theShippedSchemaHasNoAssociationsSoTraversalsAreEmpty() {
        try (ObjectManager shipped = ObjectManager.builder(MofCompiler.loadShippedSchema()).build()) {
            String dfsr = "{DfsrConnectionInfo.ConnectionGuid=\"C0037E37-EF20-4CDF-968A-932E669ED810\"}";
            assertThat(shipped.execQuery(DfsrSchema.NAMESPACE, "ASSOCIATORS OF " + dfsr)).isEmpty();
            assertThat(shipped.execQuery(DfsrSchema.NAMESPACE, "REFERENCES OF " + dfsr)).isEmpty();
        }
    }

    @Test
    void associationInstancesAreCheckedAsAnyEnumeration() {
        CimInstance keyless = CimInstance.builder(DC_IN_SITE).set("Dc", dcPath("dc1")).build();
        try (ObjectManager broken = ObjectManager.builder(repository()).register(NS, DC.name(), dcs)
                .register(NS, DC_IN_SITE.name(), new Served("broken", List.of(keyless))).build()) {
            assertStatus(() -> broken.execQuery(NS, "REFERENCES OF {Test_Dc.Name='dc1'}"),
                    WbemStatus.WBEM_E_PROVIDER_FAILURE);
        }
    }

    @Test
    void queriesForClassesAreNotExecQuery() {
        assertStatus(() -> om.execQuery(NS, "ASSOCIATORS OF {Test_Dc}"), WbemStatus.WBEM_E_NOT_SUPPORTED);
        assertStatus(() -> om.execQuery(NS, "REFERENCES OF {Test_Dc.Name='dc1'} WHERE ClassDefsOnly"),
                WbemStatus.WBEM_E_NOT_SUPPORTED);
        assertStatus(() -> om.execQuery(NS, "ASSOCIATORS OF {Test_Nope.Name='x'}"), WbemStatus.WBEM_E_INVALID_CLASS);
    }

    /** A provider serving a fixed list, recording the paths it is asked for. */
    private static final class Served implements InstanceProvider {
        private final String name;
        private final List<CimInstance> instances;
        final List<CimObjectPath> gets = new ArrayList<>();

        Served(String name, List<CimInstance> instances) {
            this.name = name;
            this.instances = instances;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void enumerateInstances(ProviderContext ctx, CimClass cimClass, InstanceSink out) {
            instances.forEach(out::accept);
        }

        @Override
        public Optional<CimInstance> getInstance(ProviderContext ctx, CimClass cimClass, CimObjectPath path) {
            gets.add(path);
            return InstanceProvider.super.getInstance(ctx, cimClass, path);
        }
    }
}
