package io.tenantry.examples.pos.database;

import io.tenantry.clusters.JdbcCompanyDirectory;
import io.tenantry.core.UnscopedAccess;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 1.21: the company directory of {@code tenantry-clusters} ({@link JdbcCompanyDirectory#ddl()}, its one
 * definition), on every database, whether or not it runs beside other clusters: a deployment on one database that
 * later adds a cluster needs no further migration, and on start-up with clusters configured the companies of the
 * home cluster that the directory does not know are placed there ({@link Clusters}). Only the system login uses
 * it: the application role, which {@code V1_0}'s default privileges let in, loses every privilege on it.
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

  /** The DDL's hash: a changed definition of the table shows in Flyway's validation. */
  @Override
  public Integer getChecksum() {
    return JdbcCompanyDirectory.ddl().hashCode();
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    String appRole = context.getConfiguration().getPlaceholders().get("app_role");
    try (Statement statement = context.getConnection().createStatement()) {
      statement.execute(JdbcCompanyDirectory.ddl());
      // a validated identifier (PosDatabaseProperties)
      statement.execute("revoke all on " + JdbcCompanyDirectory.TABLE + " from " + appRole);
    }
  }
}
