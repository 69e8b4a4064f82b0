package io.tenantry.spring.architecture;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Rules for Tenantry's own main code, forbidding what was removed: internals used outside the library,
 * the thread binding handled as {@code Object}, benchmark switches in shipped code.
 * {@link #NO_INTERNALS_OUTSIDE_THE_LIBRARY} is for code beside the library (applications get the same
 * rule from {@code TenantryRules}, the POS through its {@code ArchitectureTest}). The reference POS, which
 * depends on this module and so is not on its class path, applies the benchmark rule to itself in its own
 * {@code ArchitectureTest}.
 */
final class LibraryRules {

  /** The library's packages: the modules Tenantry ships. */
  static final String[] LIBRARY = {"io.tenantry.core..", "io.tenantry.hibernate..", "io.tenantry.spring..",
      "io.tenantry.test..", "io.tenantry.clusters.."};

  static final ArchRule NO_INTERNALS_OUTSIDE_THE_LIBRARY = noClasses()
      .that().resideOutsideOfPackages(LIBRARY)
      .should().dependOnClassesThat().resideInAPackage("io.tenantry..internal..")
      .because("internal packages are not API and change in any release; use Tenancy, TenantPropagation and "
          + "the public types of each module");

  static final ArchRule NO_OBJECT_BINDINGS = methods()
      .that().arePublic()
      .and().areDeclaredInClassesThat(carryTheBinding())
      .should(new ArchCondition<JavaMethod>("take and return the binding typed, never as Object") {
        @Override
        public void check(JavaMethod method, ConditionEvents events) {
          if (method.getModifiers().contains(JavaModifier.BRIDGE) || method.getModifiers().contains(JavaModifier.SYNTHETIC)
              || method.getName().equals("key") || method.getName().equals("equals")) {
            return; // bridges of generic overrides; Object's equals and Micrometer's key() are not bindings
          }
          boolean raw = method.getRawReturnType().getName().equals(Object.class.getName())
              || method.getRawParameterTypes().stream().anyMatch(t -> t.getName().equals(Object.class.getName()));
          if (raw) {
            events.add(violated(method, method.getFullName() + " handles the binding as Object: type it as "
                + "io.tenantry.core.internal.Binding (or TenantContext), and decide on it through Bindings"));
          }
        }
      })
      .allowEmptyShould(false);

  static final ArchRule NO_BENCHMARK_SWITCHES = classes()
      .that().resideInAnyPackage(LIBRARY)
      .should(new ArchCondition<JavaClass>("not name a benchmark") {
        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
          if (mentionsBenchmark(javaClass)) {
            events.add(violated(javaClass, javaClass.getName() + " names a benchmark (a switch, a property, a "
                + "class): benchmark-only behaviour lives in the benchmarks module, which builds it itself"));
          }
        }
      })
      .because("a switch that turns isolation off must not ship in the product");

  private LibraryRules() {}

  private static DescribedPredicate<JavaClass> carryTheBinding() {
    return DescribedPredicate.describe("carry the thread binding (Bindings, Binding, ThreadLocalAccessor)",
        c -> c.getName().startsWith("io.tenantry.core.internal.Binding")
            || c.isAssignableTo("io.micrometer.context.ThreadLocalAccessor") && c.getName().startsWith("io.tenantry."));
  }

  /** Whether the class file (names, string constants) says "benchmark" in any case. */
  static boolean mentionsBenchmark(JavaClass javaClass) {
    if (javaClass.getSource().isEmpty()) {
      return false;
    }
    try (InputStream in = javaClass.getSource().get().getUri().toURL().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains("benchmark");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the class file of " + javaClass.getName(), e);
    }
  }
}
