package io.tenantry.core.archunit;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether code is covered by an allowing annotation: on the code unit itself, on its class, or on
 * what encloses the class (an anonymous or local class inherits the allowance of the method that
 * declares it, a nested class that of its outer class). Lambdas need nothing special: ArchUnit
 * attributes accesses in a lambda to the method that declares it.
 */
final class Exemptions {

  private final Predicate<HasAnnotations<?>> allows;

  private Exemptions(Predicate<HasAnnotations<?>> allows) {
    this.allows = allows;
  }

  /** Code carrying {@code annotationTypeName} with a non-blank {@code value()}. */
  static Exemptions annotatedWithReason(String annotationTypeName) {
    return new Exemptions(element -> reason(element, annotationTypeName)
        .filter(reason -> !reason.isBlank())
        .isPresent());
  }

  /** Code carrying {@code annotationTypeName}, directly or as a meta-annotation. */
  static Exemptions metaAnnotatedWith(String annotationTypeName) {
    return new Exemptions(element -> element.isMetaAnnotatedWith(annotationTypeName));
  }

  /** The {@code value()} of {@code annotationTypeName} on {@code element}, if it carries one. */
  static Optional<String> reason(HasAnnotations<?> element, String annotationTypeName) {
    Optional<? extends JavaAnnotation<?>> annotation = element.tryGetAnnotationOfType(annotationTypeName);
    return annotation.map(a -> String.valueOf(a.get("value").orElse("")));
  }

  boolean covers(JavaMember member) {
    return allows.test(member) || covers(member.getOwner());
  }

  boolean covers(JavaClass javaClass) {
    if (allows.test(javaClass)) {
      return true;
    }
    Optional<JavaCodeUnit> enclosingCodeUnit = javaClass.getEnclosingCodeUnit();
    if (enclosingCodeUnit.isPresent()) {
      return covers(enclosingCodeUnit.get());
    }
    return javaClass.getEnclosingClass().map(this::covers).orElse(false);
  }
}
