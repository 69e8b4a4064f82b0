package io.tenantry.examples.pos;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import io.tenantry.core.archunit.TenantryRules;
import io.tenantry.examples.pos.archfixture.BenchmarkSwitch;
import io.tenantry.examples.pos.archfixture.ClusterPinning;
import io.tenantry.examples.pos.archfixture.OwnPersisterFactory;
import io.tenantry.examples.pos.archfixture.QuietSwitch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Tenantry's rules over the POS: every entity scoped, no native SQL outside {@code @UnscopedAccess},
 * no tenant id read from the request, no filter or tenant switching, and {@code Tenancy.runAsSystem}
 * and new {@code TenantContext}s only in methods annotated {@link PlatformAccess} (signup, login,
 * loading the demo companies), each saying why it must cross tenants or choose the tenant. Every
 * other tenant is the one the starter binds from the caller's token.
 *
 * <p>And the POS has no way to turn isolation off: no class, property or string in its main code names a
 * benchmark, and it builds no Hibernate persisters of its own. The benchmark's isolation-off variant is built by
 * the benchmarks module ({@code io.tenantry.benchmarks.app.isolationoff}), outside this application. Each of
 * these two rules is proven on a fixture that breaks it.
 */
@AnalyzeClasses(packages = "io.tenantry.examples.pos", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule tenantry = TenantryRules.all(
      TenantryRules.asSystemOnlyAnnotatedWith(PlatformAccess.class),
      TenantryRules.tenantContextsCreatedOnlyAnnotatedWith(PlatformAccess.class));

  @ArchTest
  static final ArchRule noBenchmarkSwitches = classes()
      .should(new ArchCondition<JavaClass>("not name a benchmark") {
        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
          if (classFileSays(javaClass, "benchmark")) {
            events.add(violated(javaClass, javaClass.getName() + " names a benchmark (a switch, a property, a "
                + "class): benchmark-only behaviour lives in the benchmarks module, which builds it itself"));
          }
        }
      })
      .because("a switch that turns isolation off must not ship in the product");

  @ArchTest
  static final ArchRule noPersistersOfItsOwn = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("org.hibernate.persister..")
      .because("Tenantry's persisters are what scope every query; the application never chooses others");

  /**
   * {@code tenantry-clusters} (pinning work to a cluster, every cluster's company data, the directory) is wired and
   * used in the database package only ({@code Clusters}); elsewhere only its exceptions may be named.
   */
  @ArchTest
  static final ArchRule clustersOnlyInTheDatabasePackage = noClasses()
      .that().resideOutsideOfPackage("io.tenantry.examples.pos.database..")
      .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.tenantry.clusters..")
          .and(DescribedPredicate.not(JavaClass.Predicates.assignableTo(Throwable.class))))
      .because("system work pinned to a cluster, and a cluster's company data, cross tenants: the few places that"
          + " need them are in the database package, behind Clusters, where placement and moves are decided");

  @Test
  void clustersOutsideTheDatabasePackage_fails() {
    JavaClasses bad = new ClassFileImporter().importClasses(ClusterPinning.class);
    assertThatThrownBy(() -> clustersOnlyInTheDatabasePackage.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("CompanyClusters.behind")
        .hasMessageNotContaining("CompanyMovingException");
  }

  @Test
  void benchmarkSwitch_inANameOrAString_fails() {
    for (Class<?> bad : new Class<?>[] {BenchmarkSwitch.class, QuietSwitch.class}) {
      JavaClasses classes = new ClassFileImporter().importClasses(bad);
      assertThatThrownBy(() -> noBenchmarkSwitches.check(classes))
          .isInstanceOf(AssertionError.class).hasMessageContaining(bad.getName() + " names a benchmark");
    }
  }

  @Test
  void persisterFactoryOfItsOwn_fails() {
    JavaClasses bad = new ClassFileImporter().importClasses(OwnPersisterFactory.class);
    assertThatThrownBy(() -> noPersistersOfItsOwn.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining(OwnPersisterFactory.class.getName());
  }

  /** Whether the class file (names, string constants) contains {@code word} in any case. */
  static boolean classFileSays(JavaClass javaClass, String word) {
    if (javaClass.getSource().isEmpty()) {
      return false;
    }
    try (InputStream in = javaClass.getSource().get().getUri().toURL().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains(word);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the class file of " + javaClass.getName(), e);
    }
  }
}
