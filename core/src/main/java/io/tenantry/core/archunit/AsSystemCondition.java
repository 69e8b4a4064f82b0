package io.tenantry.core.archunit;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import io.tenantry.core.Tenancy;
import java.util.function.Predicate;

/** Calls (and method references) to {@code Tenancy.asSystem} only from allowed code. */
final class AsSystemCondition extends ArchCondition<JavaClass> {

  private final Predicate<JavaCodeUnit> allowed;
  private final String fix;

  /**
   * @param places what is allowed, for the rule text ("in [com.acme.platform..]")
   * @param fix what a violation message tells the reader to do
   */
  AsSystemCondition(String places, Predicate<JavaCodeUnit> allowed, String fix) {
    super("call Tenancy.asSystem only " + places);
    this.allowed = allowed;
    this.fix = fix;
  }

  @Override
  public void check(JavaClass javaClass, ConditionEvents events) {
    for (JavaCodeUnitAccess<?> access : javaClass.getCodeUnitAccessesFromSelf()) {
      if (isAsSystem(access) && !allowed.test(access.getOrigin())) {
        events.add(violated(access, access.getDescription() + ": " + fix));
      }
    }
  }

  private static boolean isAsSystem(JavaCodeUnitAccess<?> access) {
    return access.getTargetOwner().getName().equals(Tenancy.class.getName())
        && access.getName().equals("asSystem");
  }
}
