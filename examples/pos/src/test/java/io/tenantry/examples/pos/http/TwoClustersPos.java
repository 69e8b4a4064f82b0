package io.tenantry.examples.pos.http;

import io.tenantry.clusters.CompanyClusters;
import io.tenantry.examples.pos.database.Clusters;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TenantrySecondPostgres;
import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The POS on two real PostgreSQL clusters: {@code spring.datasource.*} is the home cluster (the usual test server),
 * {@code pos.database.clusters.two.*} a database of a second server started for the test JVM
 * ({@code @TenantrySecondPostgres}), each migrated as its own admin. The app and system roles have the same names
 * and passwords on both servers, as the configuration has one of each.
 */
@TenantrySecondPostgres
abstract class TwoClustersPos extends RunningPos {

  static final String HOME = "home";
  static final String TWO = "two";

  final TestDatabase two;
  /** {@code pos.database.new-companies-cluster}, or null for the default ("fewest companies"). */
  private final String newCompaniesCluster;

  TwoClustersPos(TestDatabase db, SecondDatabase second) {
    this(db, second, null);
  }

  TwoClustersPos(TestDatabase db, SecondDatabase second, String newCompaniesCluster) {
    super(db);
    this.two = second.database();
    this.newCompaniesCluster = newCompaniesCluster;
    // roles are per server: the second one gets the same two logins (the migration grants them what they need)
    for (var role : List.of(app, system)) {
      two.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role.name() + "') then"
          + " create role " + role.name() + " login nosuperuser nobypassrls nocreatedb nocreaterole noinherit"
          + " password '" + role.password() + "'; end if; end $$");
    }
  }

  @Override
  List<String> arguments() {
    List<String> args = new ArrayList<>(List.of("--pos.database.clusters." + TWO + ".url=" + two.jdbcUrl(),
        "--pos.database.clusters." + TWO + ".username=" + two.adminUser(),
        "--pos.database.clusters." + TWO + ".password=" + two.adminPassword()));
    if (newCompaniesCluster != null) {
      args.add("--pos.database.new-companies-cluster=" + newCompaniesCluster);
    }
    return args;
  }

  /** One number from the second cluster's database, read as its admin (no policy applies to it). */
  long adminTwo(String sql) {
    return number(two.adminDataSource(), sql);
  }

  /** One number from a cluster's database ({@link #HOME} or {@link #TWO}), as its admin. */
  long on(String cluster, String sql) {
    return cluster.equals(HOME) ? admin(sql) : adminTwo(sql);
  }

  static long number(DataSource dataSource, String sql) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  CompanyClusters router() {
    return CompanyClusters.behind(context.getBean(DataSource.class)).orElseThrow();
  }

  Clusters clusters() {
    return context.getBean(Clusters.class);
  }
}
