package io.tenantry.examples.pos;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few methods that must cross tenants ({@code Tenancy.runAsSystem}/{@code supplyAsSystem}) or choose the tenant
 * themselves ({@code TenantContext.ofCompany} and friends): creating a company at signup, finding a
 * user's company at login, loading the demo companies. The architecture test allows both only here
 * ({@code TenantryRules.asSystemOnlyAnnotatedWith}, {@code tenantContextsCreatedOnlyAnnotatedWith});
 * cross-tenant work runs on the system login, which the row-level-security policies name. Every
 * other request runs as the tenant the starter binds from the caller's token.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface PlatformAccess {

  /** Why this work crosses tenants. */
  String value();
}
