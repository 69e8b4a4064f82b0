package io.tenantry.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test method with a tenant bound, and unbinds it afterwards, even when the test fails.
 * On a class it applies to every test method; on a method it replaces the class's.
 *
 * <pre>{@code
 * @Test
 * @WithTenant(company = "0190c6a1-0000-7000-8000-000000000001", store = "0190c6a1-0000-7000-8000-0000000000a1")
 * void pricesAreScopedToTheStore() { ... Tenancy.current() ... }
 * }</pre>
 *
 * <ul>
 *   <li>{@code company} only: the whole company, every store visible (an owner);</li>
 *   <li>{@code stores}: exactly these stores granted (a manager), none selected;</li>
 *   <li>{@code store}: that store selected (and granted, with {@code stores} if given);</li>
 *   <li>{@code register}: that register of {@code store} bound, as a register terminal calls.</li>
 * </ul>
 *
 * The binding covers the test method only, not {@code @BeforeEach} methods, and it begins after
 * Spring's test-managed transaction has started: in a {@code @Transactional} test the transaction's
 * session would belong to no tenant, so open transactions inside the test method instead
 * ({@code TransactionTemplate}, or calling {@code @Transactional} services).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(WithTenantExtension.class)
public @interface WithTenant {

  /** The company (tenant) id, a UUID. */
  String company();

  /** The selected store's id, or empty for none. */
  String store() default "";

  /** The bound register's id (requires {@link #store()}), or empty for none. */
  String register() default "";

  /** The granted stores' ids; empty grants every store unless {@link #store()} is set. */
  String[] stores() default {};

  /** The principal's name, for logs. */
  String principal() default "test";
}
