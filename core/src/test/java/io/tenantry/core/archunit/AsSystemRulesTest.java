package io.tenantry.core.archunit;

import static io.tenantry.core.archunit.Fixtures.fixture;
import static io.tenantry.core.archunit.Fixtures.passes;
import static io.tenantry.core.archunit.Fixtures.violations;
import static io.tenantry.core.archunit.TenantryRules.AS_SYSTEM_ONLY_WHERE_CONFIGURED;
import static io.tenantry.core.archunit.TenantryRules.asSystemOnlyAnnotatedWith;
import static io.tenantry.core.archunit.TenantryRules.asSystemOnlyIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.archunit.fixtures.assystem.annotated.PlatformJob;
import org.junit.jupiter.api.Test;

class AsSystemRulesTest {

  private static final String SNEAKY_CALL = "Method <" + fixture("assystem.bad.SneakyExport.exportEverything(java.lang.Runnable)")
      + "> calls method <io.tenantry.core.Tenancy.asSystem(java.lang.String, java.lang.Runnable)> in (SneakyExport.java:8)";
  private static final String PLATFORM = Fixtures.ROOT + ".assystem.platform..";

  @Test
  void asSystemOnlyWhereConfigured_callInApplication() {
    assertThat(violations(AS_SYSTEM_ONLY_WHERE_CONFIGURED, "assystem.bad"))
        .contains("Rule 'Tenancy.asSystem should be called only where the build allows it (nowhere yet), because")
        .contains(SNEAKY_CALL + ": no application code is allowed cross-tenant access yet")
        .contains("TenantryRules.all(TenantryRules.asSystemOnlyIn(\"com.acme.platform..\"))")
        .contains("Tenancy.run(context, ...)");
  }

  @Test
  void asSystemOnlyWhereConfigured_tenantScopedWork() {
    passes(AS_SYSTEM_ONLY_WHERE_CONFIGURED, "assystem.scoped");
  }

  @Test
  void asSystemOnlyIn_callOutsideAllowedPackages() {
    assertThat(violations(asSystemOnlyIn(PLATFORM), "assystem.bad"))
        .contains("Tenancy.asSystem should be called only in [" + PLATFORM + "]")
        .contains(SNEAKY_CALL + ": cross-tenant work is allowed only in [" + PLATFORM + "]; move it there");
  }

  /** A generic helper in the allowed package lends system access: its callers are checked. */
  @Test
  void asSystemOnlyIn_callerOfGenericHelper() {
    String controller = fixture("assystem.caller.ExportController");
    String helper = fixture("assystem.platform.PlatformTasks");
    assertThat(violations(asSystemOnlyIn(PLATFORM), "assystem"))
        .contains("Method <" + controller + ".exportEverything()> calls method <" + helper
            + ".asSystem(java.lang.String, java.util.function.Supplier)> in (ExportController.java:12), "
            + "an allowed method that runs the task it is given through Tenancy.asSystem: this caller's own "
            + "code crosses tenants; cross-tenant work is allowed only in [" + PLATFORM + "]")
        // a platform operation that takes no task decides itself what crosses tenants
        .doesNotContain(helper + ".companyCount()")
        // the helper itself is in the allowed package
        .doesNotContain("Method <" + helper + ".asSystem(");
  }

  @Test
  void asSystemOnlyIn_callInAllowedPackage() {
    passes(asSystemOnlyIn(PLATFORM), "assystem.platform");
  }

  @Test
  void asSystemOnlyIn_noPackage() {
    assertThatThrownBy(TenantryRules::asSystemOnlyIn)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asSystemOnlyIn(\"com.acme.platform..\")");
    assertThatThrownBy(() -> asSystemOnlyIn(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void asSystemOnlyAnnotatedWith_unannotatedCall() {
    assertThat(violations(asSystemOnlyAnnotatedWith(PlatformJob.class), "assystem.bad"))
        .contains("Tenancy.asSystem should be called only in code annotated @PlatformJob")
        .contains(SNEAKY_CALL + ": cross-tenant work is allowed only in code annotated @PlatformJob");
  }

  @Test
  void asSystemOnlyAnnotatedWith_annotatedMethodsAndClasses() {
    passes(asSystemOnlyAnnotatedWith(PlatformJob.class), "assystem.annotated");
  }

  @Test
  void asSystemOnlyAnnotatedWith_otherPlaceStillFails() {
    assertThat(violations(asSystemOnlyAnnotatedWith(PlatformJob.class), "assystem.platform"))
        .contains(fixture("assystem.platform.UsageReport.countAll(java.util.function.Supplier)"));
  }
}
