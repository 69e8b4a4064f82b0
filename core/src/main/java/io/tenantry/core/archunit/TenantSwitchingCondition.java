package io.tenantry.core.archunit;

import io.tenantry.core.model.internal.SystemSessionFilter;
import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static io.tenantry.core.archunit.Library.isAssignableToAny;
import static io.tenantry.core.archunit.Library.located;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Switching off the library's Hibernate filters, opening a session for another tenant, replacing
 * the tenant resolver, and reaching into Tenantry's {@code internal} packages.
 */
final class TenantSwitchingCondition extends ArchCondition<JavaClass> {

  private static final String[] SESSIONS = {
      "org.hibernate.SharedSessionContract", "org.hibernate.Session", "org.hibernate.StatelessSession"};
  /** Hibernate 7's session builders; {@code CommonBuilder} is their common parent since 7.x. */
  private static final String[] SESSION_BUILDERS = {
      "org.hibernate.engine.creation.CommonBuilder", "org.hibernate.SessionBuilder",
      "org.hibernate.SharedSessionBuilder", "org.hibernate.StatelessSessionBuilder",
      "org.hibernate.SharedStatelessSessionBuilder"};
  private static final String TENANT_RESOLVER = "org.hibernate.context.spi.CurrentTenantIdentifierResolver";
  /** Built once: a package predicate compiles its pattern, and it is asked for every dependency. */
  private static final DescribedPredicate<JavaClass> INTERNAL_PACKAGES =
      JavaClass.Predicates.resideInAPackage("io.tenantry..internal..");

  private static final String FILTER_FIX = "session filters are part of Tenantry's scoping (system access is "
      + "marked by one); never disable them. For deliberate cross-tenant work use Tenancy.runAsSystem(\"reason\", ...)";
  private static final String TENANT_FIX = "the session's tenant comes from the bound TenantContext; "
      + "run the work for another tenant inside Tenancy.run(otherTenantContext, ...) instead";
  private static final String RESOLVER_FIX = "Tenantry provides the tenant resolver from the bound "
      + "TenantContext; remove this one and bind tenants with Tenancy.run(...)";
  private static final String INTERNAL_FIX = "io.tenantry..internal.. is not API and changes without "
      + "notice; use Tenancy, TenantContext and TenantPropagation";

  /** Reflective field writes: {@code Field.set*}, Spring's {@code ReflectionUtils.setField}. */
  private static final String FIELD = "java.lang.reflect.Field";
  private static final String SPRING_REFLECTION_UTILS = "org.springframework.util.ReflectionUtils";
  private static final String REFLECTION_FIX = "the tenant columns (companyId, storeId, registerId) are stamped "
      + "from the bound tenant and never change; set the entity's other fields through its methods, and "
      + "create another tenant's rows inside Tenancy.run(thatTenantsContext, ...)";

  /**
   * The name of the filter Hibernate enables with the session's tenant, which Tenantry uses to mark
   * system access ({@code SystemSessionFilter.NAME}). javac copies the constant into the caller,
   * so it is found in the caller's constant pool, not as a dependency.
   */
  private static final String TENANT_FILTER = SystemSessionFilter.NAME;
  private static final String TENANT_FILTER_FIX = "Hibernate enables this filter with the session's tenant and "
      + "Tenantry reads it as the mark of system access; never enable it or set its parameter. For "
      + "deliberate cross-tenant work use Tenancy.runAsSystem(\"reason\", ...)";

  TenantSwitchingCondition() {
    super("not disable session filters, enable or set Tenantry's filter, change a session's tenant, write "
        + "tenant columns by reflection or use io.tenantry..internal..");
  }

  @Override
  public void check(JavaClass javaClass, ConditionEvents events) {
    for (JavaCodeUnitAccess<?> access : javaClass.getCodeUnitAccessesFromSelf()) {
      JavaClass owner = access.getTargetOwner();
      if (access.getName().equals("disableFilter") && isAssignableToAny(owner, SESSIONS)) {
        events.add(violated(access, access.getDescription() + ": " + FILTER_FIX));
      } else if (access.getName().equals("tenantIdentifier") && isAssignableToAny(owner, SESSION_BUILDERS)) {
        events.add(violated(access, access.getDescription() + ": " + TENANT_FIX));
      } else if ((access.getName().equals("enableFilter") || access.getName().equals("getEnabledFilter"))
          && isAssignableToAny(owner, SESSIONS) && ClassFileConstants.contains(javaClass, TENANT_FILTER)) {
        events.add(violated(access, access.getDescription() + " with \"" + TENANT_FILTER + "\" (TenantFilters."
            + "SYSTEM_SESSION) in " + javaClass.getSimpleName() + ": " + TENANT_FILTER_FIX));
      } else if (isReflectiveFieldWrite(access)) {
        tenantOwnedTypeOf(access.getOrigin()).ifPresent(entity -> events.add(violated(access,
            access.getDescription() + ", writing a field by reflection in code that handles tenant-owned <"
                + entity.getName() + ">: " + REFLECTION_FIX)));
      }
    }
    if (!javaClass.getName().equals(TENANT_RESOLVER) && javaClass.isAssignableTo(TENANT_RESOLVER)) {
      events.add(violated(javaClass, located("Class <" + javaClass.getName() + "> implements "
          + "CurrentTenantIdentifierResolver", javaClass) + ": " + RESOLVER_FIX));
    }
    checkDependencies(javaClass, events);
  }

  private static boolean isReflectiveFieldWrite(JavaCodeUnitAccess<?> access) {
    String owner = access.getTargetOwner().getName();
    String name = access.getName();
    return owner.equals(FIELD) && name.startsWith("set") && !name.equals("setAccessible")
        || owner.equals(SPRING_REFLECTION_UTILS) && name.equals("setField");
  }

  /**
   * The first tenant-owned type (a {@code CompanyOwned} subclass, or the base classes) that the
   * code names: a parameter, a class literal ({@code Sale.class}), a call or an instanceof.
   * The field written is not known to the bytecode model (its name is a string), so a reflective
   * write next to a tenant-owned type counts as a write to its tenant columns.
   */
  private static Optional<JavaClass> tenantOwnedTypeOf(JavaCodeUnit codeUnit) {
    Set<JavaClass> named = new LinkedHashSet<>(codeUnit.getRawParameterTypes());
    codeUnit.getReferencedClassObjects().forEach(literal -> named.add(literal.getRawType()));
    codeUnit.getAccessesFromSelf().forEach(access -> named.add(access.getTargetOwner()));
    codeUnit.getInstanceofChecks().forEach(check -> named.add(check.getRawType()));
    return named.stream().map(JavaClass::getBaseComponentType).filter(ScopedTypes::isTenantOwned).findFirst();
  }

  private static void checkDependencies(JavaClass javaClass, ConditionEvents events) {
    for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
      if (INTERNAL_PACKAGES.test(dependency.getTargetClass().getBaseComponentType())) {
        events.add(violated(dependency, dependency.getDescription() + ": " + INTERNAL_FIX));
      }
    }
  }
}
