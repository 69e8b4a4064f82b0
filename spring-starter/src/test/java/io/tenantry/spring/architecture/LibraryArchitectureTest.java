package io.tenantry.spring.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.spring.architecture.bad.BenchmarkSwitch;
import com.example.archfixture.InternalsUser;
import io.tenantry.spring.architecture.bad.ObjectAccessor;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Tenantry's own main code (core, hibernate, spring starter and its test artifact, test support, clusters:
 * every library module is on this module's test class path) against {@link LibraryRules}; and each rule against code that breaks it on
 * purpose, so that none passes by matching nothing. The internals rule has no class to check here (all
 * of it is library code): it is proven on its fixture only.
 */
@AnalyzeClasses(packages = "io.tenantry", importOptions = ImportOption.DoNotIncludeTests.class)
class LibraryArchitectureTest {

  @ArchTest
  static final ArchRule noObjectBindings = LibraryRules.NO_OBJECT_BINDINGS;

  @ArchTest
  static final ArchRule noBenchmarkSwitches = LibraryRules.NO_BENCHMARK_SWITCHES;

  @Test
  void everyLibraryModuleIsAnalysed() {
    JavaClasses analysed = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages("io.tenantry");
    for (String module : new String[] {"io.tenantry.core.", "io.tenantry.hibernate.", "io.tenantry.spring.autoconfigure.",
        "io.tenantry.spring.test.", "io.tenantry.test.", "io.tenantry.clusters."}) {
      assertThat(analysed.stream().map(JavaClass::getName).filter(n -> n.startsWith(module)))
          .as("main classes of %s on the class path of LibraryArchitectureTest", module).isNotEmpty();
    }
  }

  @Test
  void internalsUsedOutsideTheLibrary_fail() {
    JavaClasses bad = new ClassFileImporter().importClasses(InternalsUser.class);
    assertThatThrownBy(() -> LibraryRules.NO_INTERNALS_OUTSIDE_THE_LIBRARY.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining(InternalsUser.class.getName());
  }

  @Test
  void bindingAsObject_fails() {
    JavaClasses bad = new ClassFileImporter().importClasses(ObjectAccessor.class);
    assertThatThrownBy(() -> LibraryRules.NO_OBJECT_BINDINGS.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining("handles the binding as Object");
  }

  @Test
  void benchmarkSwitch_fails() {
    JavaClasses bad = new ClassFileImporter().importClasses(BenchmarkSwitch.class);
    assertThatThrownBy(() -> LibraryRules.NO_BENCHMARK_SWITCHES.check(bad))
        .isInstanceOf(AssertionError.class).hasMessageContaining(BenchmarkSwitch.class.getName());
  }
}
