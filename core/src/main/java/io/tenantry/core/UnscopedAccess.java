package io.tenantry.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a class or method reaches the database around Tenantry's ORM scoping: native SQL
 * ({@code createNativeQuery}, {@code @Query(nativeQuery = true)}), {@code JdbcTemplate},
 * {@code JdbcClient}, or a raw JDBC {@code Connection}. The ArchUnit rule
 * {@code TenantryRules.NATIVE_SQL_ONLY_WHERE_DECLARED} fails the build for such code anywhere else.
 *
 * <pre>{@code
 * @UnscopedAccess("stock report aggregates with a window function JPQL cannot express")
 * List<StockLevel> stockLevels(UUID store) { ... }
 * }</pre>
 *
 * <p>The annotation changes nothing at run time. Tenantry's Hibernate scoping does not see this SQL:
 * what still protects it is PostgreSQL row-level security, which scopes every statement on the
 * connection to the bound tenant (and fails closed when none is bound). So write the SQL as if it
 * were scoped by hand anyway ({@code where company_id = ?}), and never run it as a role that
 * bypasses RLS.
 *
 * <p>On a class it covers every member and nested class; on a method it covers that method,
 * including its lambdas and the anonymous classes declared in it. A class that holds a
 * {@code JdbcTemplate} (a field, a constructor parameter) needs it on the class.
 *
 * <p>Retention is {@code RUNTIME} so that tools other than ArchUnit (an audit report, an aspect that
 * logs the reason next to the SQL) can read it too; it costs nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface UnscopedAccess {

  /**
   * Why this code must bypass ORM scoping, for the reviewer who reads it. Required and must not be
   * blank: the ArchUnit rule rejects an empty reason.
   */
  String value();
}
