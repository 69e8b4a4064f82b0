/**
 * The database and its three logins. {@code spring.datasource.url/username/password} name the
 * <em>owner</em>: Flyway migrates as it (the library's {@code classpath:db/tenantry}, then
 * {@code classpath:db/pos}: roles, POS tables, the generated row-level-security policies). The
 * migration creates two roles that own nothing and bypass nothing: the <em>app</em> role every
 * request is served through, and the <em>system</em> login that {@code Tenancy.runAsSystem}/{@code supplyAsSystem} work uses
 * (the policies name it). Both are reached through {@code TenantryRls.dataSource(app, system)}.
 * Without {@code spring.datasource.url}, an embedded PostgreSQL is started (see {@code EmbeddedServer}).
 *
 * <p>With {@code pos.database.clusters.<name>.*}, companies live on several PostgreSQL clusters: each is migrated
 * alike, the DataSource routes each company to its cluster ({@code tenantry-clusters}), and {@link
 * io.tenantry.examples.pos.database.Clusters} places new companies and runs what must see every company on each
 * cluster. This package is the only one that uses {@code tenantry-clusters} (its exceptions aside).
 */
package io.tenantry.examples.pos.database;
