package io.tenantry.core.archunit;

import static io.tenantry.core.archunit.Fixtures.fixture;
import static io.tenantry.core.archunit.Fixtures.passes;
import static io.tenantry.core.archunit.Fixtures.violations;
import static io.tenantry.core.archunit.TenantryRules.TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED;
import static io.tenantry.core.archunit.TenantryRules.asSystemOnlyIn;
import static io.tenantry.core.archunit.TenantryRules.tenantContextsCreatedOnlyAnnotatedWith;
import static io.tenantry.core.archunit.TenantryRules.tenantContextsCreatedOnlyIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.archunit.fixtures.assystem.annotated.PlatformJob;
import org.junit.jupiter.api.Test;

class TenantContextRulesTest {

  private static final String PLATFORM = Fixtures.ROOT + ".contexts.platform..";
  private static final String CONTEXT = "io.tenantry.core.TenantContext";

  @Test
  void tenantContextsCreatedOnlyWhereConfigured_tenantFromTheRequest() {
    assertThat(violations(TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED, "contexts.bad"))
        .contains("Rule 'TenantContext should be created only where the build allows it (nowhere yet), because "
            + "a TenantContext decides whose rows the code reads and writes")
        .contains("was violated (6 times)")
        // a servlet filter binding X-Tenant-ID
        .contains("Method <" + fixture("contexts.bad.TenantHeaderFilter.doFilter(jakarta.servlet.ServletRequest, "
            + "jakarta.servlet.ServletResponse, jakarta.servlet.FilterChain)") + "> calls method <" + CONTEXT
            + ".ofCompany(java.util.UUID)> in (TenantHeaderFilter.java:22): no application code is allowed to "
            + "choose the tenant yet")
        .contains("Tenancy.current().withStore(storeId)")
        .contains("TenantryRules.all(asSystemRule, TenantryRules.tenantContextsCreatedOnlyIn(\"com.acme.platform..\"))")
        // a controller binding a path variable
        .contains("Method <" + fixture("contexts.bad.CompanySalesController.sales(java.util.UUID)") + "> calls method <"
            + CONTEXT + ".ofCompany(java.util.UUID)>")
        .contains("Method <" + fixture("contexts.bad.CompanySalesController.storeSales(java.util.UUID, java.util.UUID)")
            + "> calls method <" + CONTEXT + ".ofStore(java.util.UUID, java.util.UUID)>")
        // a one-store manager widened to every store
        .contains("Method <" + fixture("contexts.bad.ManagerWidening.everyStore(java.lang.Runnable)") + "> calls method <"
            + CONTEXT + ".builder(java.util.UUID)>")
        // a method reference, and a register context
        .contains("Method <" + fixture("contexts.bad.RegisterContexts.forCompanies(java.util.List)")
            + "> references method <" + CONTEXT + ".ofCompany(java.util.UUID)>")
        .contains("Method <" + fixture("contexts.bad.RegisterContexts.register(java.util.UUID, java.util.UUID, java.util.UUID)")
            + "> calls method <" + CONTEXT + ".ofRegister(");
  }

  @Test
  void tenantContextsCreatedOnlyWhereConfigured_principalsOwnContext() {
    // withStore, withoutStore, binding a context handed in
    passes(TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED, "contexts.good");
  }

  @Test
  void tenantContextsCreatedOnlyIn_allowedPackage() {
    passes(tenantContextsCreatedOnlyIn(PLATFORM), "contexts.platform");
    assertThat(violations(tenantContextsCreatedOnlyIn(PLATFORM), "contexts.bad"))
        .contains("TenantContext should be created only in [" + PLATFORM + "]")
        .contains("Method <" + fixture("contexts.bad.ManagerWidening.everyStore(java.lang.Runnable)")
            + "> calls method <" + CONTEXT + ".builder(java.util.UUID)> in (ManagerWidening.java:10): "
            + "a tenant context may be created only in [" + PLATFORM + "]; take the principal's with Tenancy.current()");
  }

  @Test
  void tenantContextsCreatedOnlyAnnotatedWith_annotatedMethod() {
    passes(tenantContextsCreatedOnlyAnnotatedWith(PlatformJob.class), "contexts.annotated");
    assertThat(violations(tenantContextsCreatedOnlyAnnotatedWith(PlatformJob.class), "contexts.platform"))
        .contains("TenantContext should be created only in code annotated @PlatformJob")
        .contains("Method <" + fixture("contexts.platform.Signup.openFirstStore(java.util.UUID, java.lang.Runnable)")
            + "> calls method <" + CONTEXT + ".builder(java.util.UUID)>");
  }

  @Test
  void tenantContextsCreatedOnlyIn_noPackage() {
    assertThatThrownBy(TenantryRules::tenantContextsCreatedOnlyIn)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenantContextsCreatedOnlyIn(\"com.acme.platform..\")");
  }

  @Test
  void all_placeRulesSwapped() {
    assertThatThrownBy(() -> TenantryRules.all(tenantContextsCreatedOnlyIn(PLATFORM), asSystemOnlyIn(PLATFORM)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all(asSystemOnlyIn(...), tenantContextsCreatedOnlyIn(...))");
  }
}
