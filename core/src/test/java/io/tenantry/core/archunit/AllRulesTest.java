package io.tenantry.core.archunit;

import static io.tenantry.core.archunit.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class AllRulesTest {

  private static final String APP_PLATFORM = Fixtures.ROOT + ".app.platform..";

  @Test
  void all_cleanApplication() {
    TenantryRules.all(TenantryRules.asSystemOnlyIn(APP_PLATFORM), TenantryRules.tenantContextsCreatedOnlyIn(APP_PLATFORM))
        .check(Fixtures.of("app"));
  }

  @Test
  void all_defaultAllowsNoAsSystemAndNoNewTenantContext() {
    EvaluationResult result = TenantryRules.all().evaluate(Fixtures.of("app"));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains(fixture("app.platform.UsageReport.companies(java.util.function.Supplier)"))
        .contains("no application code is allowed cross-tenant access yet")
        .contains(fixture("app.platform.Onboarding.openFirstStore(java.util.UUID, java.lang.Runnable)"))
        .contains("no application code is allowed to choose the tenant yet");
  }

  /** all(asSystemRule) keeps the safe default for tenant contexts. */
  @Test
  void all_asSystemRuleAloneAllowsNoNewTenantContext() {
    assertThat(TenantryRules.all(TenantryRules.asSystemOnlyIn(APP_PLATFORM)).evaluate(Fixtures.of("app"))
            .getFailureReport().toString())
        .contains(fixture("app.platform.Onboarding.openFirstStore(java.util.UUID, java.lang.Runnable)"))
        .doesNotContain("UsageReport");
  }

  @Test
  void all_everyRuleReportsOnTheBrokenFixtures() {
    JavaClasses everything = new ClassFileImporter().importPackages(Fixtures.ROOT);

    assertThat(TenantryRules.all().evaluate(everything).getFailureReport().toString())
        .contains("Rule 'Tenantry's tenant isolation rules (scoped repositories and entities, declared native SQL, "
            + "Tenancy.asSystem and new tenant contexts only where allowed, no tenant ids from clients, "
            + "no filter or tenant switching)' "
            + "was violated")
        .contains("Repository <" + fixture("repositories.bad.AuditEntryRepository") + "> manages")
        .contains("Class <" + fixture("entities.bad.Coupon") + "> is an @Entity that no tenant filter scopes")
        .contains("Method <" + fixture("nativesql.bad.SalesReport.topProducts()") + "> calls method "
            + "<jakarta.persistence.EntityManager.createNativeQuery")
        .contains(fixture("assystem.bad.SneakyExport") + ".exportEverything(java.lang.Runnable)> calls method "
            + "<io.tenantry.core.Tenancy.asSystem")
        .contains("Method <" + fixture("web.bad.SaleController.byTenantHeader(java.util.UUID)") + "> reads \"X-Tenant-Id\"")
        .contains("<org.hibernate.Session.disableFilter(java.lang.String)>")
        .contains("Method <" + fixture("contexts.bad.ManagerWidening.everyStore(java.lang.Runnable)") + "> calls method "
            + "<io.tenantry.core.TenantContext.builder(java.util.UUID)>");
  }

  /** An application that imports io.tenantry.. too (or the reference app) does not fail on the library. */
  @Test
  void all_libraryClassesAreSkipped() {
    JavaClasses library = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.tenantry");

    assertThat(library.contain("io.tenantry.core.Tenancy")).isTrue();
    TenantryRules.all().check(library);
  }

  @Test
  void all_nullAsSystemRule() {
    assertThatThrownBy(() -> TenantryRules.all(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("TenantryRules.asSystemOnlyIn(...)");
  }
}
