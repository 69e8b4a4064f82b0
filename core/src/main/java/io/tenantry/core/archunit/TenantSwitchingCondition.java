package io.tenantry.core.archunit;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static io.tenantry.core.archunit.Library.isAssignableToAny;
import static io.tenantry.core.archunit.Library.located;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;

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
      + "marked by one); never disable them. For deliberate cross-tenant work use Tenancy.asSystem(\"reason\", ...)";
  private static final String TENANT_FIX = "the session's tenant comes from the bound TenantContext; "
      + "run the work for another tenant inside Tenancy.run(otherTenantContext, ...) instead";
  private static final String RESOLVER_FIX = "Tenantry provides the tenant resolver from the bound "
      + "TenantContext; remove this one and bind tenants with Tenancy.run(...)";
  private static final String INTERNAL_FIX = "io.tenantry..internal.. is not API and changes without "
      + "notice; use Tenancy, TenantContext and TenantPropagation";

  TenantSwitchingCondition() {
    super("not disable session filters, change a session's tenant or use io.tenantry..internal..");
  }

  @Override
  public void check(JavaClass javaClass, ConditionEvents events) {
    for (JavaCodeUnitAccess<?> access : javaClass.getCodeUnitAccessesFromSelf()) {
      JavaClass owner = access.getTargetOwner();
      if (access.getName().equals("disableFilter") && isAssignableToAny(owner, SESSIONS)) {
        events.add(violated(access, access.getDescription() + ": " + FILTER_FIX));
      } else if (access.getName().equals("tenantIdentifier") && isAssignableToAny(owner, SESSION_BUILDERS)) {
        events.add(violated(access, access.getDescription() + ": " + TENANT_FIX));
      }
    }
    if (!javaClass.getName().equals(TENANT_RESOLVER) && javaClass.isAssignableTo(TENANT_RESOLVER)) {
      events.add(violated(javaClass, located("Class <" + javaClass.getName() + "> implements "
          + "CurrentTenantIdentifierResolver", javaClass) + ": " + RESOLVER_FIX));
    }
    for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
      if (INTERNAL_PACKAGES.test(dependency.getTargetClass().getBaseComponentType())) {
        events.add(violated(dependency, dependency.getDescription() + ": " + INTERNAL_FIX));
      }
    }
  }
}
