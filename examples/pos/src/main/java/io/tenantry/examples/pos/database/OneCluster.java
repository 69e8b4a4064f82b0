package io.tenantry.examples.pos.database;

import io.tenantry.clusters.CompanyMove;
import io.tenantry.hibernate.rls.TenantryRls;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** One database: no directory, no router; everything runs as it did before clusters existed. */
final class OneCluster implements Clusters {

  @Override
  public UUID createCompany(Supplier<UUID> creation) {
    return creation.get();
  }

  @Override
  public <T> List<T> onEachCluster(Supplier<List<T>> work) {
    return work.get();
  }

  @Override
  public void shareLogin(UUID companyId, UUID userId, String email) {
    // the login is in this database already
  }

  @Override
  public CompanyMove.Result move(UUID companyId, String target) {
    throw new IllegalStateException("There is one database: configure pos.database.clusters to move companies");
  }

  @Override
  public DataSource dataSource(DataSource app, DataSource system) {
    return TenantryRls.dataSource(app, system);
  }

  @Override
  public void placeUnplacedCompanies() {
    // no directory
  }

  @Override
  public void close() {
    // nothing open
  }
}
