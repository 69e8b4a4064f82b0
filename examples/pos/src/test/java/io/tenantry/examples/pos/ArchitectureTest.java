package io.tenantry.examples.pos;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tenantry.core.archunit.TenantryRules;

/**
 * Tenantry's rules over the POS: every entity scoped, no native SQL outside {@code @UnscopedAccess},
 * no tenant id read from the request, no filter or tenant switching, and {@code Tenancy.asSystem}
 * only in methods annotated {@link PlatformAccess} (signup, login, the demo's first-start check), each
 * saying why it must cross tenants.
 */
@AnalyzeClasses(packages = "io.tenantry.examples.pos",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.ExceptTheBenchmarkSwitch.class})
class ArchitectureTest {

  /**
   * The one exception, by name: {@code database.BenchmarkIsolationOff} disables the filters when, and only
   * when, {@code pos.benchmark.isolation-off=true} (benchmarks only; see its javadoc and the README).
   * Any other class that disables a filter still fails the build.
   */
  static final class ExceptTheBenchmarkSwitch implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("/io/tenantry/examples/pos/database/BenchmarkIsolationOff");
    }
  }

  @ArchTest
  static final ArchRule tenantry = TenantryRules.all(TenantryRules.asSystemOnlyAnnotatedWith(PlatformAccess.class));
}
