package io.tenantry.core.archunit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Imports fixture packages (once each) and evaluates rules against them. */
final class Fixtures {

  static final String ROOT = "io.tenantry.core.archunit.fixtures";

  private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

  private Fixtures() {}

  /** The classes of {@code fixtures.<subPackage>} and its sub-packages. */
  static JavaClasses of(String subPackage) {
    return IMPORTED.computeIfAbsent(subPackage,
        p -> new ClassFileImporter().importPackages(ROOT + "." + p));
  }

  /** Asserts that {@code rule} fails on the fixture and returns ArchUnit's failure report. */
  static String violations(ArchRule rule, String subPackage) {
    EvaluationResult result = rule.evaluate(of(subPackage));
    assertThat(result.hasViolation())
        .as("rule '%s' should fail on fixtures.%s", rule.getDescription(), subPackage)
        .isTrue();
    return result.getFailureReport().toString();
  }

  /** Asserts that {@code rule} passes on the fixture, showing ArchUnit's report if it does not. */
  static void passes(ArchRule rule, String subPackage) {
    rule.check(of(subPackage));
  }

  /** The fully qualified name of a fixture class. */
  static String fixture(String subPackageAndClass) {
    return ROOT + "." + subPackageAndClass;
  }
}
