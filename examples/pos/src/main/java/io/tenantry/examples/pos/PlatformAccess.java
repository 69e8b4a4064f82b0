package io.tenantry.examples.pos;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few methods that must cross tenants ({@code Tenancy.asSystem}): creating a company at
 * signup, finding a user's company at login, loading the demo companies. The architecture test
 * allows {@code asSystem} only here ({@code TenantryRules.asSystemOnlyAnnotatedWith}); such work runs
 * on the system login, which the row-level-security policies name.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface PlatformAccess {

  /** Why this work crosses tenants. */
  String value();
}
