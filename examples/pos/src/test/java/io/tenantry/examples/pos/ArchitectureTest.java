package io.tenantry.examples.pos;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tenantry.core.archunit.TenantryRules;

/**
 * Tenantry's rules over the POS: every entity scoped, no native SQL outside {@code @UnscopedAccess},
 * no tenant id read from the request, no filter or tenant switching, and {@code Tenancy.asSystem}
 * and new {@code TenantContext}s only in methods annotated {@link PlatformAccess} (signup, login,
 * loading the demo companies), each saying why it must cross tenants or choose the tenant. Every
 * other tenant is the one the starter binds from the caller's token.
 */
@AnalyzeClasses(packages = "io.tenantry.examples.pos", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule tenantry = TenantryRules.all(
      TenantryRules.asSystemOnlyAnnotatedWith(PlatformAccess.class),
      TenantryRules.tenantContextsCreatedOnlyAnnotatedWith(PlatformAccess.class));
}
