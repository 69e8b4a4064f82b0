package io.tenantry.examples.pos.database;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.clusters.CompanyClusters;
import io.tenantry.clusters.CompanyMove;
import io.tenantry.clusters.JdbcCompanyDirectory;
import io.tenantry.core.UnscopedAccess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Companies on several clusters ({@code pos.database.clusters}): {@link CompanyClusters} over the app and system
 * pools of every cluster, with the company directory ({@link JdbcCompanyDirectory}) on the home cluster, read and
 * written through a pool of its own (the system login).
 *
 * <p>Placement of a new company: {@code pos.database.new-companies-cluster} when set, else the cluster with the
 * fewest companies in the directory (ties: home first, then the other clusters by name), counted and placed under an
 * advisory lock of the home cluster's database, so that concurrent signups (of this instance or of others) see each
 * other's placements.
 */
@UnscopedAccess("the company directory and the shared logins are global rows, written as the system login of one"
    + " cluster; no tenant row is read or written here")
final class SeveralClusters implements Clusters {

  private static final Logger LOG = LoggerFactory.getLogger(SeveralClusters.class);

  /** The advisory lock (on the home cluster's database) that serializes the placement of new companies. */
  static final String PLACEMENT_LOCK = "hashtext('pos: placement of a new company')";

  private final CompanyClusters clusters;
  private final HikariDataSource directoryPool;
  /** The system pool of each cluster, home first. */
  private final Map<String, DataSource> systemPools = new LinkedHashMap<>();
  private final String newCompanies;
  /** One placement at a time in this JVM: at most one directory connection waits for {@link #PLACEMENT_LOCK}. */
  private final ReentrantLock placing = new ReentrantLock();

  SeveralClusters(PosDatabaseProperties properties, RoleLogins logins, String homeUrl, DataSource homeApp,
      DataSource homeSystem, OtherClusters others) {
    this.directoryPool = DatabaseConfig.pool("pos-directory", homeUrl, logins.systemRole(), logins.systemPassword(), 4);
    CompanyClusters.Builder builder = CompanyClusters.builder(JdbcCompanyDirectory.of(directoryPool))
        .cluster(properties.homeCluster(), homeApp, homeSystem)
        .home(properties.homeCluster());
    systemPools.put(properties.homeCluster(), homeSystem);
    for (OtherClusters.Cluster c : others.all()) {
      builder.cluster(c.name(), c.app(), c.system());
      systemPools.put(c.name(), c.system());
    }
    this.clusters = builder.build();
    this.newCompanies = properties.newCompaniesCluster();
  }

  @Override
  public UUID createCompany(Supplier<UUID> creation) {
    if (newCompanies != null) {
      return createOn(newCompanies, creation);
    }
    // "fewest companies": the count and the placement of one signup at a time, in this JVM (a lock) and across
    // instances (an advisory lock, held by a transaction of the directory pool until the company is placed), so that
    // concurrent signups do not all pick the same cluster
    placing.lock();
    try (Connection c = directoryPool.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(" + PLACEMENT_LOCK + ")")) {
          lock.execute();
        }
        UUID company = createOn(fewestCompanies(c), creation);
        c.commit();
        return company;
      } catch (RuntimeException | SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not place a new company (the directory's placement lock): "
          + e.getMessage(), e);
    } finally {
      placing.unlock();
    }
  }

  private UUID createOn(String target, Supplier<UUID> creation) {
    UUID company = clusters.onCluster(target, creation);
    clusters.directory().place(company, target);
    LOG.info("Company {} placed on cluster {}", company, target);
    return company;
  }

  /** The cluster with the fewest companies in the directory (home first on a tie), read on a connection given. */
  private String fewestCompanies(Connection directory) throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (PreparedStatement ps = directory.prepareStatement("select cluster, count(*) from "
            + JdbcCompanyDirectory.TABLE + " group by cluster");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    String fewest = null;
    for (String name : clusters.clusterNames()) {
      if (fewest == null || counts.getOrDefault(name, 0L) < counts.getOrDefault(fewest, 0L)) {
        fewest = name;
      }
    }
    return fewest;
  }

  @Override
  public <T> List<T> onEachCluster(Supplier<List<T>> work) {
    List<T> all = new ArrayList<>();
    for (String name : clusters.clusterNames()) {
      all.addAll(clusters.onCluster(name, work));
    }
    return all;
  }

  @Override
  public void shareLogin(UUID companyId, UUID userId, String email) {
    String cluster = clusters.clusterOf(companyId);
    if (cluster.equals(clusters.home())) {
      return;
    }
    // no password hash: logins authenticate on the home cluster
    update(systemPools.get(cluster), "insert into tenantry_user_account (id, email) values (?, ?)"
        + " on conflict (id) do nothing", userId, email);
  }

  @Override
  public CompanyMove.Result move(UUID companyId, String target) {
    String source = clusters.clusterOf(companyId);
    DataSource targetPool = systemPools.get(target);
    if (targetPool == null) {
      throw new IllegalArgumentException("No cluster named '" + target + "'; configured: " + clusters.clusterNames());
    }
    // the memberships moved reference the logins: the target gets their ids and e-mails first (no hash)
    List<Object[]> logins = new ArrayList<>();
    try (Connection c = systemPools.get(source).getConnection();
        PreparedStatement ps = c.prepareStatement("select u.id, u.email from tenantry_user_account u"
            + " join tenantry_membership m on m.user_id = u.id where m.company_id = ?")) {
      ps.setObject(1, companyId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          logins.add(new Object[] {rs.getObject(1), rs.getString(2)});
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the logins of company " + companyId + " on cluster " + source
          + ": " + e.getMessage(), e);
    }
    for (Object[] login : logins) {
      update(targetPool, "insert into tenantry_user_account (id, email) values (?, ?) on conflict (id) do nothing",
          login[0], login[1]);
    }
    CompanyMove.Result result = CompanyMove.of(clusters).move(companyId, target);
    if (result.sourceKept() == null && !source.equals(clusters.home())) {
      deleteUnusedLoginCopies(source, logins.stream().map(login -> (UUID) login[0]).toArray(UUID[]::new));
    }
    return result;
  }

  /**
   * Deletes, on a cluster other than home (where the logins themselves live), the copies of these logins that no
   * membership there references any more, nor an invitation there waits for (its acceptance copies the login
   * before it adds the membership). The copies are locked first: a membership being added meanwhile (which locks the
   * copy it references) is waited for and then seen, and one added afterwards is refused by its foreign key rather
   * than deleted by the cascade from the copy. A failure is logged: the copies stay, as they did before.
   */
  private void deleteUnusedLoginCopies(String cluster, UUID[] logins) {
    if (logins.length == 0) {
      return;
    }
    try (Connection c = systemPools.get(cluster).getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement lock = c.prepareStatement("select id from tenantry_user_account where id = any(?)"
              + " for update");
          PreparedStatement delete = c.prepareStatement("delete from tenantry_user_account u where u.id = any(?)"
              + " and not exists (select 1 from tenantry_membership m where m.user_id = u.id)"
              + " and not exists (select 1 from pos_invitation i where lower(i.email) = lower(u.email)"
              + " and i.accepted_at is null)")) {
        lock.setArray(1, c.createArrayOf("uuid", logins));
        lock.executeQuery().close();
        delete.setArray(1, c.createArrayOf("uuid", logins));
        int deleted = delete.executeUpdate();
        c.commit();
        LOG.info("Deleted {} of {} login copies on cluster {} that no membership there references any more", deleted,
            logins.length, cluster);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Could not delete the unused login copies on cluster {} (they stay: id and e-mail, no password): {}",
          cluster, e.toString());
    }
  }

  @Override
  public DataSource dataSource(DataSource app, DataSource system) {
    return clusters.dataSource();
  }

  @Override
  public void placeUnplacedCompanies() {
    int placed = update(directoryPool, "insert into " + JdbcCompanyDirectory.TABLE + " (company, cluster)"
        + " select id, ? from tenantry_company on conflict (company) do nothing", clusters.home());
    if (placed > 0) {
      LOG.info("Placed {} companies of the home cluster {} in the company directory", placed, clusters.home());
    }
  }

  private static int update(DataSource pool, String sql, Object... parameters) {
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      int count = ps.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
      return count;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    directoryPool.close();
  }
}
