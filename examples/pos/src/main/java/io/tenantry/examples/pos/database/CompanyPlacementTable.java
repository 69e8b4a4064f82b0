package io.tenantry.examples.pos.database;

import io.tenantry.clusters.JdbcCompanyDirectory;
import io.tenantry.core.UnscopedAccess;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 1.21: the company directory of {@code tenantry-clusters} ({@link JdbcCompanyDirectory#ddl()}, its one
 * definition), on every database, whether or not it runs beside other clusters: a deployment on one database that
 * later adds a cluster needs no further migration, and on start-up with clusters configured the companies of the
 * home cluster that the directory does not know are placed there ({@link Clusters}). Only the system login uses
 * it: the application role, which {@code V1_0}'s default privileges let in, loses every privilege on it.
 *
 * <p>The system login also gets {@code TEMPORARY} on the database: a company moved to this cluster is imported
 * through temporary tables ({@code CompanyData.importFrom}: {@code COPY FROM} refuses tables under row-level
 * security, which applies to the system login).
 */
@UnscopedAccess("DDL of a global table, as the owner, in a migration; touches no tenant row")
final class CompanyPlacementTable implements JavaMigration {

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("1.21");
  }

  @Override
  public String getDescription() {
    return "company placement";
  }

  /** The statements' hash: a changed definition shows in Flyway's validation. */
  @Override
  public Integer getChecksum() {
    return String.join(";", sql(Map.of("app_role", "app", "system_role", "system"))).hashCode();
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      for (String sql : sql(context.getConfiguration().getPlaceholders())) {
        statement.execute(sql);
      }
    }
  }

  /** The statements; the role names are validated identifiers (PosDatabaseProperties). */
  private static List<String> sql(Map<String, String> placeholders) {
    return List.of(JdbcCompanyDirectory.ddl(),
        "revoke all on " + JdbcCompanyDirectory.TABLE + " from " + placeholders.get("app_role"),
        "do $$ begin execute format('grant temporary on database %I to " + placeholders.get("system_role")
            + "', current_database()); end $$");
  }
}
