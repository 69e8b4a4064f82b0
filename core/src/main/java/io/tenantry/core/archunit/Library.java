package io.tenantry.core.archunit;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasSourceCodeLocation;

/**
 * What the rules treat as Tenantry's own code, and small type-name helpers shared by the rules.
 */
final class Library {

  /**
   * The packages Tenantry ships. Listed one by one rather than {@code io.tenantry..} so that code
   * under {@code io.tenantry} that is not the library (the reference POS app, the rules' own test
   * fixtures) is still checked. Add a module's top package here when it adds one.
   */
  static final String[] PACKAGES = {
      "io.tenantry.core",
      "io.tenantry.core.internal..",
      "io.tenantry.core.model..",
      "io.tenantry.core.archunit",
      "io.tenantry.hibernate..",
      "io.tenantry.spring..",
      "io.tenantry.test.."
  };

  /**
   * Classes in {@link #PACKAGES}. Built once: a package predicate compiles its patterns, and the
   * rules ask it for every class (building one per test made {@code all()} several times slower).
   */
  private static final DescribedPredicate<JavaClass> LIBRARY_CLASSES = JavaClass.Predicates.resideInAnyPackage(PACKAGES);

  /** Classes outside {@link #PACKAGES}: the application's code, which the rules check. */
  static final DescribedPredicate<JavaClass> APPLICATION_CLASSES = DescribedPredicate.describe(
      "are application classes (not Tenantry's own)",
      javaClass -> !LIBRARY_CLASSES.test(javaClass));

  private Library() {}

  /** Whether {@code type} is, extends or implements one of the named types. */
  static boolean isAssignableToAny(JavaClass type, String... typeNames) {
    for (String name : typeNames) {
      // the name comparison also covers a type ArchUnit could not resolve (no supertypes known)
      if (type.getName().equals(name) || type.isAssignableTo(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code type} is one of the named types or nested in one ({@code JdbcClient$StatementSpec}). */
  static boolean isOrIsNestedIn(JavaClass type, Iterable<String> typeNames) {
    String name = type.getName();
    for (String candidate : typeNames) {
      if (name.equals(candidate) || name.startsWith(candidate + "$")) {
        return true;
      }
    }
    return false;
  }

  /** A description that ends with ArchUnit's clickable {@code in (File.java:line)}. */
  static String located(String description, HasSourceCodeLocation where) {
    return description + " in " + where.getSourceCodeLocation();
  }
}
