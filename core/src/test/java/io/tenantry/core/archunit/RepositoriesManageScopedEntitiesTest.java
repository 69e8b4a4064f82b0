package io.tenantry.core.archunit;

import static io.tenantry.core.archunit.Fixtures.fixture;
import static io.tenantry.core.archunit.Fixtures.passes;
import static io.tenantry.core.archunit.Fixtures.violations;
import static io.tenantry.core.archunit.TenantryRules.REPOSITORIES_MANAGE_SCOPED_ENTITIES;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepositoriesManageScopedEntitiesTest {

  @Test
  void repositoriesManageScopedEntities_unscopedEntities() {
    String report = violations(REPOSITORIES_MANAGE_SCOPED_ENTITIES, "repositories.bad");
    String entity = fixture("repositories.bad.AuditEntry");

    assertThat(report)
        .contains("was violated (5 times)")
        .contains("because a repository of an unscoped entity returns every company's rows")
        // Spring Data, directly and through an intermediate @NoRepositoryBean interface
        .contains("Repository <" + fixture("repositories.bad.AuditEntryRepository") + "> manages <" + entity
            + ">, which no tenant filter scopes in (AuditEntryRepository.java:0): make AuditEntry extend "
            + "CompanyOwned, StoreOwned or RegisterOwned, or annotate its company_id field @CompanyId (with @StoreId, "
            + "@RegisterId for store or register rows), or mark it @SharedAcrossTenants(")
        // an entity whose annotations name a store and a register but no company is not scoped
        .contains("Repository <" + fixture("repositories.bad.TipRepository") + "> manages <"
            + fixture("repositories.bad.Tip") + ">, which no tenant filter scopes")
        .contains("Repository <" + fixture("repositories.bad.AuditEntryArchive") + "> manages <" + entity + ">")
        // a raw repository cannot be checked
        .contains("Repository <" + fixture("repositories.bad.RawRepository")
            + "> does not declare which entity it manages")
        .contains("declare it with type arguments, e.g. extends JpaRepository<Sale, UUID>")
        // a @Repository class that names the entity only in a class literal
        .contains("@Repository <" + fixture("repositories.bad.AuditEntryDao") + "> uses entity <" + entity
            + ">, which no tenant filter scopes in (AuditEntryDao.java:")
        .doesNotContain("<" + fixture("repositories.bad.BaseRepository") + ">");
  }

  @Test
  void repositoriesManageScopedEntities_scopedEntities() {
    // tenant base classes, @CompanyId (LedgerRepository), @SharedAcrossTenants, the library's Company, @RepositoryDefinition,
    // type parameters in another order, a generic base and a @Repository class
    passes(REPOSITORIES_MANAGE_SCOPED_ENTITIES, "repositories.good");
  }
}
