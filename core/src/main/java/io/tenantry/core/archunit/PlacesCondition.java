package io.tenantry.core.archunit;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Calls (and method references) that choose whose data code sees, only from the places the build
 * allows: {@code Tenancy.runAsSystem}/{@code supplyAsSystem} (and the deprecated {@code asSystem}), and the factories of {@code TenantContext}.
 */
final class PlacesCondition extends ArchCondition<JavaClass> {

  /** What a place may do: cross tenants, or create a tenant context. */
  enum Power {
    AS_SYSTEM("call Tenancy.asSystem") {
      @Override
      boolean isUse(JavaAccess<?> access) {
        return access.getTargetOwner().getName().equals(Tenancy.class.getName())
            && SYSTEM_ACCESS_METHODS.contains(access.getName());
      }
    },
    CREATE_TENANT_CONTEXT("create a TenantContext") {
      @Override
      boolean isUse(JavaAccess<?> access) {
        // withStore/withoutStore derive from an existing context within its grants: not listed
        return access.getTargetOwner().getName().equals(TenantContext.class.getName())
            && CONTEXT_FACTORIES.contains(access.getName());
      }
    };

    private static final Set<String> CONTEXT_FACTORIES = Set.of("ofCompany", "ofStore", "ofRegister", "builder");
    private static final Set<String> SYSTEM_ACCESS_METHODS = Set.of("runAsSystem", "supplyAsSystem", "asSystem");

    final String verb;

    Power(String verb) {
      this.verb = verb;
    }

    abstract boolean isUse(JavaAccess<?> access);
  }

  private final Power power;
  private final Predicate<JavaCodeUnit> allowed;
  private final String fix;

  /**
   * @param places what is allowed, for the rule text ("in [com.acme.platform..]")
   * @param fix what a violation message tells the reader to do
   */
  PlacesCondition(Power power, String places, Predicate<JavaCodeUnit> allowed, String fix) {
    super(power.verb + " only " + places);
    this.power = power;
    this.allowed = allowed;
    this.fix = fix;
  }

  @Override
  public void check(JavaClass javaClass, ConditionEvents events) {
    for (JavaCodeUnitAccess<?> access : javaClass.getCodeUnitAccessesFromSelf()) {
      if (allowed.test(access.getOrigin())) {
        continue;
      }
      if (power.isUse(access)) {
        events.add(violated(access, access.getDescription() + ": " + fix));
      } else if (power == Power.AS_SYSTEM && isLentAsSystem(access)) {
        events.add(violated(access, access.getDescription() + ", an allowed method that runs the task it is "
            + "given through Tenancy.asSystem: this caller's own code crosses tenants; " + fix));
      }
    }
  }

  /**
   * A call into an allowed method that takes a task (a {@code Runnable}, {@code Supplier},
   * any functional interface) and calls {@code Tenancy.asSystem}: a generic helper such as
   * {@code platform.asSystem(reason, task)}, which lends cross-tenant access to whatever its callers
   * pass. Seen when the helper is among the checked classes.
   */
  private boolean isLentAsSystem(JavaCodeUnitAccess<?> access) {
    Optional<? extends JavaCodeUnit> target = access.getTarget().resolveMember();
    if (target.isEmpty() || !allowed.test(target.get()) || !takesTask(target.get())) {
      return false;
    }
    return target.get().getAccessesFromSelf().stream().anyMatch(Power.AS_SYSTEM::isUse);
  }

  private static boolean takesTask(JavaCodeUnit codeUnit) {
    for (JavaParameter parameter : codeUnit.getParameters()) {
      JavaClass type = parameter.getRawType();
      if (type.isInterface() && (type.getPackageName().equals("java.util.function")
          || type.getName().equals(Runnable.class.getName())
          || type.getName().equals("java.util.concurrent.Callable")
          || type.isAnnotatedWith(FunctionalInterface.class))) {
        return true;
      }
    }
    return false;
  }
}
