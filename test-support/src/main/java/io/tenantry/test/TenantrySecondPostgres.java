package io.tenantry.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a fresh database on a second, independent PostgreSQL cluster, handed out as a
 * {@link SecondDatabase} parameter (beside the {@link TestDatabase} of {@link TenantryPostgres} on the first). The
 * cluster is started once per JVM: the machine's PostgreSQL binaries ({@code TENANTRY_TEST_POSTGRES_BIN}, default
 * {@code /usr/lib/postgresql/15/bin}) on a free port with a data directory under {@code target/}, else embedded
 * PostgreSQL; it is stopped when the JVM ends. If neither starts, the class fails with a message that says how to
 * provide one; it is never skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SecondPostgresExtension.class)
public @interface TenantrySecondPostgres {
}
