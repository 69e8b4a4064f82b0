package io.tenantry.examples.pos.database;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.examples.pos.database.PosDatabaseProperties.ClusterLogin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clusters of {@code pos.database.clusters} (none by default): per cluster its owner login (Flyway) and the
 * pools of the app and system roles, which have the same names and passwords on every cluster.
 */
final class OtherClusters implements AutoCloseable {

  /** One further cluster. */
  record Cluster(String name, ClusterLogin owner, HikariDataSource app, HikariDataSource system) {}

  private final Map<String, Cluster> clusters = new LinkedHashMap<>();

  OtherClusters(PosDatabaseProperties properties, RoleLogins logins) {
    // sorted by name: the configuration order of a map property is not a contract
    new TreeMap<>(properties.clusters()).forEach((name, owner) -> clusters.put(name, new Cluster(name, owner,
        DatabaseConfig.pool("pos-app-" + name, owner.url(), logins.appRole(), logins.appPassword(), 10),
        DatabaseConfig.pool("pos-system-" + name, owner.url(), logins.systemRole(), logins.systemPassword(), 3))));
  }

  boolean isEmpty() {
    return clusters.isEmpty();
  }

  Iterable<Cluster> all() {
    return clusters.values();
  }

  @Override
  public void close() {
    for (Cluster c : clusters.values()) {
      c.app().close();
      c.system().close();
    }
  }
}
