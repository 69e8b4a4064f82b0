/**
 * The database and its three logins. {@code spring.datasource.url/username/password} name the
 * <em>owner</em>: Flyway migrates as it (the library's {@code classpath:db/tenantry}, then
 * {@code classpath:db/pos}: roles, POS tables, the generated row-level-security policies). The
 * migration creates two roles that own nothing and bypass nothing: the <em>app</em> role every
 * request is served through, and the <em>system</em> login that {@code Tenancy.runAsSystem}/{@code supplyAsSystem} work uses
 * (the policies name it). Both are reached through {@code TenantryRls.dataSource(app, system)}.
 * Without {@code spring.datasource.url}, an embedded PostgreSQL is started (see {@code EmbeddedServer}).
 */
package io.tenantry.examples.pos.database;
