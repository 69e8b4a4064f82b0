package io.tenantry.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class its own fresh PostgreSQL database, handed out as a {@link TestDatabase}
 * parameter of constructors, {@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach}, {@code @AfterAll} and
 * test methods. The database and the roles made for it are dropped after the class; {@code @Nested} classes
 * share the database of their enclosing class.
 *
 * <p>If no PostgreSQL server can be had, the class fails (it is not skipped) with a message that says how to
 * provide one. See the {@linkplain io.tenantry.test package documentation} for where the server comes from.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TenantryPostgresExtension.class)
public @interface TenantryPostgres {
}
