package io.tenantry.examples.pos.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pos.database.*}: the roles the migration creates and the embedded server.
 *
 * @param appRole the role requests are served through (LOGIN, NOSUPERUSER, NOBYPASSRLS, owns nothing)
 * @param appPassword its password; when empty a random one is set at every start (the owner login
 *     then needs CREATEROLE, which creating the role needs anyway)
 * @param systemRole the login for {@code Tenancy.runAsSystem}/{@code supplyAsSystem} work, named in the policies
 * @param systemPassword its password; random when empty, as for the app role
 * @param embeddedDataDirectory where the embedded PostgreSQL keeps its data (used only without
 *     {@code spring.datasource.url}); kept between starts, delete it to start afresh
 * @param embeddedPort port of the embedded server; 0 picks a free one
 * @param clusters further PostgreSQL clusters that hold companies ({@code pos.database.clusters.<name>.url},
 *     {@code .username}, {@code .password}: the owner login of that cluster's database, which Flyway migrates as).
 *     None by default: one database, no router. With one or more, {@code spring.datasource.*} is the <em>home</em>
 *     cluster (global tables, the company directory) and every cluster holds companies (docs/scale-out.md)
 * @param homeCluster the name of the {@code spring.datasource.*} cluster in the company directory; {@code home} by
 *     default. Used only with {@code clusters}
 * @param newCompaniesCluster the cluster every new company is placed on; when empty, the cluster that holds the
 *     fewest companies (ties: the home cluster, then the configuration order). Used only with {@code clusters}
 */
@ConfigurationProperties("pos.database")
public record PosDatabaseProperties(
    @DefaultValue("pos_app") String appRole,
    String appPassword,
    @DefaultValue("pos_system") String systemRole,
    String systemPassword,
    Path embeddedDataDirectory,
    @DefaultValue("0") int embeddedPort,
    Map<String, ClusterLogin> clusters,
    @DefaultValue("home") String homeCluster,
    String newCompaniesCluster) {

  /**
   * The owner login of a further cluster's database ({@code pos.database.clusters.<name>.*}).
   *
   * @param url its JDBC URL
   * @param username the owner login: Flyway migrates as it, as on the home cluster
   * @param password its password
   */
  public record ClusterLogin(String url, String username, String password) {

    @Override
    public String toString() {
      return "ClusterLogin[url=" + url + ", username=" + username + "]";
    }
  }

  private static final Pattern CLUSTER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** Checks the role names: they go into SQL as identifiers. */
  public PosDatabaseProperties {
    for (String role : new String[] {appRole, systemRole}) {
      if (!ROLE.matcher(role).matches()) {
        throw new IllegalArgumentException("pos.database role names must be lower-case SQL identifiers "
            + "([a-z_][a-z0-9_]*, at most 63 characters), not '" + role + "'");
      }
    }
    if (appRole.equals(systemRole)) {
      throw new IllegalArgumentException("pos.database.app-role and system-role must differ: the system login "
          + "sees every company, the app role only the bound one");
    }
    clusters = clusters == null ? Map.of() : Map.copyOf(clusters);
    for (String name : clusters.keySet()) {
      if (!CLUSTER.matcher(name).matches()) {
        throw new IllegalArgumentException("pos.database.clusters names are the cluster names of the company "
            + "directory: lower-case letters, digits, '-' and '_' (at most 63), not '" + name + "'");
      }
      ClusterLogin login = clusters.get(name);
      if (login.url() == null || login.url().isBlank()) {
        throw new IllegalArgumentException("pos.database.clusters." + name + ".url is missing: the JDBC URL of that "
            + "cluster's database (its username and password name the owner login that migrates it)");
      }
    }
    if (clusters.containsKey(homeCluster)) {
      throw new IllegalArgumentException("pos.database.clusters." + homeCluster + " has the name of the home cluster "
          + "(spring.datasource.*, named by pos.database.home-cluster): give it another name");
    }
    if (newCompaniesCluster != null && newCompaniesCluster.isBlank()) {
      newCompaniesCluster = null;
    }
    if (newCompaniesCluster != null && !newCompaniesCluster.equals(homeCluster)
        && !clusters.containsKey(newCompaniesCluster)) {
      throw new IllegalArgumentException("pos.database.new-companies-cluster '" + newCompaniesCluster + "' is not a "
          + "configured cluster: " + homeCluster + " (home) or one of " + clusters.keySet());
    }
    if (embeddedDataDirectory == null) {
      embeddedDataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "tenantry-pos-postgres");
    }
  }
}
