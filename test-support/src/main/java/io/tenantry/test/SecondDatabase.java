package io.tenantry.test;

/**
 * The fresh database of a {@link TenantrySecondPostgres} test class on the second PostgreSQL cluster: a
 * {@link TestDatabase} in every respect (admin login, app roles, dropped after the class), on another server.
 *
 * @param database the database on the second cluster
 */
public record SecondDatabase(TestDatabase database) {
}
