package org.replprov.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimProperty;
import org.replprov.cim.WbemStatus;
import org.replprov.repository.ClassRepository;

/** ASSOCIATORS OF and REFERENCES OF against test-only association classes (WMI SDK statement pages). */
class AssociationQueryTest {

    private final ClassRepository repository = TestSchema.repository();

    private final CimInstance c1 = connection("c1");
    private final CimInstance c2 = connection("c2");
    private final CimInstance m1 = member(TestSchema.MEMBER, "m1");
    private final CimInstance m2 = member(TestSchema.SPECIAL_MEMBER, "m2");
    private final CimInstance c1m1 = link(TestSchema.CONNECTION_PARTNER, "Connection", c1, "Partner", m1);
    private final CimInstance c1m2 = link(TestSchema.CONNECTION_PARTNER, "Connection", c1, "Partner", m2);
    private final CimInstance c2m1 = link(TestSchema.CONNECTION_PARTNER, "Connection", c2, "Partner", m1);
    private final CimInstance m1c1 = link(TestSchema.MEMBER_CONNECTION, "Host", m1, "Hosted", c1);
    private final List<CimInstance> associations = List.of(c1m1, c1m2, c2m1, m1c1, m1);

    @Test
    void associatorsFollowEveryAssociationThatNamesTheSource() {
        AssociationQuery q = compile("ASSOCIATORS OF {DfsrConnectionInfo.ConnectionGuid=\"C1\"}");
        assertThat(q.associationClasses()).containsExactly(TestSchema.CONNECTION_PARTNER, TestSchema.MEMBER_CONNECTION);
        assertThat(q.associators(associations)).containsExactly(ref(m1), ref(m2), ref(m1));
        assertThat(q.resultClasses(associations)).containsExactly(TestSchema.MEMBER, TestSchema.SPECIAL_MEMBER);
    }

    @Test
    void theUnnamedKeyFormAndTheFilters() {
        assertThat(compile("ASSOCIATORS OF {DfsrConnectionInfo='c1'} WHERE AssocClass = Test_ConnectionPartner")
                .associators(associations)).containsExactly(ref(m1), ref(m2));
        assertThat(compile("ASSOCIATORS OF {DfsrConnectionInfo='c1'} WHERE Role = Hosted").associators(associations))
                .containsExactly(ref(m1));
        assertThat(compile("ASSOCIATORS OF {DfsrConnectionInfo='c1'} WHERE ResultRole = Partner")
                .associators(associations)).containsExactly(ref(m1), ref(m2));
        assertThat(compile("ASSOCIATORS OF {DfsrConnectionInfo='c1'} WHERE ResultClass = Test_SpecialMember")
                .associators(associations)).containsExactly(ref(m2));
        assertThat(compile("ASSOCIATORS OF {DfsrConnectionInfo='c1'} WHERE RequiredQualifier = Special")
                .associators(associations)).containsExactly(ref(m2));
        assertThat(compile("ASSOCIATORS OF {DfsrConnectionInfo='c1'} WHERE RequiredAssocQualifier = Audited")
                .associators(associations)).containsExactly(ref(m1));
        assertThat(compile("ASSOCIATORS OF {DfsrConnectionInfo='c1'} WHERE ResultRole = Connection")
                .associators(associations)).isEmpty();
        assertThat(compile("ASSOCIATORS OF {DfsrConnectionInfo='c1'} WHERE AssocClass = NoSuchClass")
                .associators(associations)).isEmpty();
    }

    @Test
    void fromTheOtherEnd() {
        assertThat(compile("ASSOCIATORS OF {Test_Member.Name='m1'}").associators(associations))
                .containsExactly(ref(c1), ref(c2), ref(c1));
        assertThat(compile("ASSOCIATORS OF {Test_SpecialMember.Name='m2'}").associators(associations))
                .containsExactly(ref(c1));
    }

    @Test
    void referencesReturnTheAssociationsThemselves() {
        assertThat(compile("REFERENCES OF {DfsrConnectionInfo.ConnectionGuid='c1'}").references(associations))
                .containsExactly(c1m1, c1m2, m1c1);
        assertThat(compile("REFERENCES OF {DfsrConnectionInfo.ConnectionGuid='c1'} WHERE ResultClass = "
                + "Test_MemberConnection").references(associations)).containsExactly(m1c1);
        assertThat(compile("REFERENCES OF {Test_Member.Name='m1'} WHERE Role = Partner").references(associations))
                .containsExactly(c1m1, c2m1);
        assertThat(compile("REFERENCES OF {Test_Member.Name='m1'} WHERE RequiredQualifier = Audited")
                .resultClasses(associations)).containsExactly(TestSchema.MEMBER_CONNECTION);
        List<CimInstance> keys = compile("REFERENCES OF {Test_Member.Name='m1'} WHERE KeysOnly")
                .references(associations);
        assertThat(keys).hasSize(3).allSatisfy(a -> assertThat(a.properties()).allMatch(CimProperty::isKey));
    }

    @Test
    void classPathsQueryTheSchema() {
        AssociationQuery q = compile("ASSOCIATORS OF {DfsrConnectionInfo} WHERE SchemaOnly");
        assertThat(q.isSchemaQuery()).isTrue();
        assertThat(q.schema()).containsExactly(TestSchema.MEMBER);
        assertThat(compile("REFERENCES OF {Test_ConnectionEx}").schema())
                .containsExactly(TestSchema.CONNECTION_PARTNER, TestSchema.MEMBER_CONNECTION);
        assertThat(compile("ASSOCIATORS OF {Test_Member} WHERE ResultRole = Hosted").schema())
                .containsExactly(TestSchema.DFSR_CONNECTION_INFO);
    }

    @Test
    void withoutAssociationClassesTheResultIsEmptyNotAnError() {
        ClassRepository shipped = TestSchema.dfsrOnly();
        AssociationQuery q = Wql.parse("ASSOCIATORS OF {DfsrConnectionInfo.ConnectionGuid='c1'}")
                .compileAssociation(shipped, TestSchema.NAMESPACE);
        assertThat(q.associationClasses()).isEmpty();
        assertThat(q.associators(List.of(c1))).isEmpty();
        assertThat(Wql.parse("REFERENCES OF {DfsrConnectionInfo='c1'}").compileAssociation(shipped, TestSchema.NAMESPACE)
                .references(List.of(c1))).isEmpty();
    }

    @Test
    void refusals() {
        assertError("ASSOCIATORS OF {NoSuchClass.Key='x'}", WbemStatus.WBEM_E_INVALID_CLASS, 17);
        assertError("ASSOCIATORS OF {DfsrConnectionInfo.PartnerName='x'}", WbemStatus.WBEM_E_INVALID_QUERY, 16);
        assertError("ASSOCIATORS OF {DfsrConnectionInfo.ConnectionGuid='x'} WHERE SchemaOnly",
                WbemStatus.WBEM_E_INVALID_QUERY, 16);
        assertError("REFERENCES OF {DfsrConnectionInfo} WHERE KeysOnly", WbemStatus.WBEM_E_INVALID_QUERY, 15);
        assertError("SELECT * FROM DfsrConnectionInfo", WbemStatus.WBEM_E_INVALID_QUERY, 1);
    }

    private AssociationQuery compile(String query) {
        return Wql.parse(query).compileAssociation(repository, TestSchema.NAMESPACE);
    }

    private void assertError(String query, WbemStatus status, int column) {
        assertThatThrownBy(() -> compile(query)).as(query).isInstanceOfSatisfying(WqlParseException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
    }

    /** A path as the associations hold it. */
    private static CimObjectPath ref(CimInstance instance) {
        return instance.path().withNamespace(TestSchema.NAMESPACE);
    }

    private static CimInstance connection(String guid) {
        return CimInstance.builder(TestSchema.DFSR_CONNECTION_INFO).set("ConnectionGuid", guid).build();
    }

    private static CimInstance member(CimClass cimClass, String name) {
        return CimInstance.builder(cimClass).set("Name", name).set("Site", "HQ").build();
    }

    /** An association instance; its references carry the namespace, as a provider's would. */
    private static CimInstance link(CimClass association, String role, CimInstance from, String otherRole,
                                    CimInstance to) {
        return CimInstance.builder(association)
                .set(CimName.of(role), ref(from))
                .set(CimName.of(otherRole), ref(to))
                .build();
    }
}
