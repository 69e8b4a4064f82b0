package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.hibernate.fixture.annotated.AnnotatedNote;
import io.tenantry.hibernate.fixture.annotated.AnnotatedShelf;
import io.tenantry.hibernate.fixture.annotated.AnnotatedTicket;
import io.tenantry.hibernate.fixture.annotated.BaseNote;
import io.tenantry.hibernate.fixture.annotated.BaseShelf;
import io.tenantry.hibernate.fixture.annotated.BaseTicket;
import io.tenantry.hibernate.fixture.annotated.Misdeclared;
import io.tenantry.hibernate.rls.TenantTableLevel;
import io.tenantry.hibernate.rls.TenantryPolicies;
import io.tenantry.hibernate.rls.TenantryRls;
import org.junit.jupiter.api.Test;

/**
 * Entities declared with {@code @CompanyId}, {@code @StoreId}, {@code @RegisterId} instead of a base
 * class: the same policies as the base-class entity of the same level, and every misdeclaration stopped
 * when the session factory is built, with the fix. (The isolation matrices run over annotated twins of
 * the fixture entities in the {@code annotated-model} test run; see this module's pom.)
 */
class AnnotatedModelTest {

  /** The policy migration of one entity, its table names replaced, so that two levels' SQL compare. */
  private static String policies(Class<?> entity, String table) {
    return TenantryPolicies.of(entity).sql().replace(table, "T");
  }

  @Test
  void policies_ofAnAnnotatedEntity_areTheBaseClassEntitysAtEachLevel() {
    assertThat(policies(AnnotatedNote.class, "note_ann")).isEqualTo(policies(BaseNote.class, "note_base"))
        .contains("create policy");
    assertThat(policies(AnnotatedShelf.class, "shelf_ann")).isEqualTo(policies(BaseShelf.class, "shelf_base"));
    // with a child table (element collection): its tenant columns, trigger and composite foreign keys too
    assertThat(policies(AnnotatedTicket.class, "ticket_ann")).isEqualTo(policies(BaseTicket.class, "ticket_base"))
        .contains("T_line");
  }

  @Test
  void levelOf_anAnnotatedEntity_isItsDeclaredLevel() {
    assertThat(TenantryRls.levelOf(AnnotatedNote.class)).isEqualTo(TenantTableLevel.COMPANY);
    assertThat(TenantryRls.levelOf(AnnotatedShelf.class)).isEqualTo(TenantTableLevel.STORE);
    assertThat(TenantryRls.levelOf(AnnotatedTicket.class)).isEqualTo(TenantTableLevel.REGISTER);
  }

  @Test
  void companyIdOfAnotherType_stopsTheSessionFactory() {
    assertThatThrownBy(() -> TenantryPolicies.of(Misdeclared.TextCompany.class).sql())
        .hasStackTraceContaining("TextCompany.companyId of type java.lang.String")
        .hasStackTraceContaining("declare the field as java.util.UUID");
  }

  @Test
  void storeIdWithoutCompanyId_stopsTheSessionFactory() {
    assertThatThrownBy(() -> TenantryPolicies.of(Misdeclared.StoreOnly.class).sql())
        .hasStackTraceContaining("but no @CompanyId")
        .hasStackTraceContaining("add a @CompanyId UUID field mapped to column company_id");
  }

  @Test
  void registerIdWithoutStoreId_stopsTheSessionFactory() {
    assertThatThrownBy(() -> TenantryPolicies.of(Misdeclared.RegisterWithoutStore.class).sql())
        .hasStackTraceContaining("but no @StoreId")
        .hasStackTraceContaining("add a @StoreId UUID field mapped to column store_id");
  }

  @Test
  void twoCompanyIds_stopTheSessionFactory() {
    assertThatThrownBy(() -> TenantryPolicies.of(Misdeclared.TwoCompanyIds.class).sql())
        .hasStackTraceContaining("@CompanyId on 2 fields")
        .hasStackTraceContaining("keep @CompanyId on one field");
  }

  @Test
  void baseClassAndAnnotations_stopTheSessionFactory() {
    assertThatThrownBy(() -> TenantryPolicies.of(Misdeclared.BaseAndAnnotation.class).sql())
        .hasStackTraceContaining("extends CompanyOwned, which already holds the tenant columns")
        .hasStackTraceContaining("remove the annotations");
  }

  @Test
  void anotherColumnName_stopsTheSessionFactory() {
    assertThatThrownBy(() -> TenantryPolicies.of(Misdeclared.OtherColumn.class).sql())
        .hasStackTraceContaining("maps to column tenant")
        .hasStackTraceContaining("@Column(name = \"company_id\")");
  }

  @Test
  void propertyAccess_stopsTheSessionFactory() {
    assertThatThrownBy(() -> TenantryPolicies.of(Misdeclared.PropertyAccess.class).sql())
        .hasStackTraceContaining("maps it as an ordinary attribute")
        .hasStackTraceContaining("use field access");
  }
}
