package io.tenantry.core.archunit;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The snippet of {@code docs/archunit.md}, run by ArchUnit's JUnit 5 engine against the clean
 * fixture application. It differs from the snippet only in the packages, and in not excluding
 * tests: the fixture application is test code here.
 */
@AnalyzeClasses(packages = "io.tenantry.core.archunit.fixtures.app")
class TenantryArchitectureTest {

  @ArchTest
  static final ArchRule tenantry = TenantryRules.all(
      TenantryRules.asSystemOnlyIn("io.tenantry.core.archunit.fixtures.app.platform.."),
      TenantryRules.tenantContextsCreatedOnlyIn("io.tenantry.core.archunit.fixtures.app.platform.."));
}
