package io.tenantry.clusters;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.CompanyRouting;
import io.tenantry.hibernate.rls.AuditReport;
import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.hibernate.rls.TenantryRls;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import io.tenantry.clusters.internal.ClosingConnection;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/**
 * Companies placed on several independent PostgreSQL clusters, each with its own pool. The {@link #dataSource()
 * routing DataSource} is what the application (Hibernate, Spring, JdbcTemplate) uses as its one DataSource:
 *
 * <ul>
 *   <li>a bound tenant gets a connection of the cluster the {@link CompanyDirectory} names for its company, from
 *       that cluster's pool, wrapped in Tenantry's row-level security ({@link TenantryRls#dataSource(DataSource,
 *       DataSource)}), so even SQL that names another company's id sees only the bound company's rows, and rows
 *       on other clusters are not reachable at all; a company the directory does not know is refused
 *       ({@link CompanyNotPlacedException}), a moving one too ({@link CompanyMovingException});</li>
 *   <li>system work ({@code Tenancy.asSystem}) runs on one cluster at a time: the one named with {@link #onCluster},
 *       once on each with {@link #asSystemOnEachCluster}, else the {@linkplain Builder#home home} cluster, where
 *       global tables such as user accounts live (a login lookup, a signup, the start-up audit). Work over every
 *       company must use {@link #asSystemOnEachCluster}: unpinned, it sees the home cluster's companies only. Work
 *       about one company runs on its cluster with {@link #onClusterOf}; Tenantry's own (a company's deactivation)
 *       does so by itself;</li>
 *   <li>nothing bound (Hibernate's start-up, reading global tables) gets the home cluster too.</li>
 * </ul>
 *
 * <pre>{@code
 * CompanyClusters clusters = CompanyClusters.builder(JdbcCompanyDirectory.of(directoryPool))
 *     .cluster("eu-1", appPool1, systemPool1)
 *     .cluster("eu-2", appPool2, systemPool2)
 *     .home("eu-1")
 *     .build();
 * DataSource dataSource = clusters.dataSource();   // hand this to Hibernate / Spring
 * }</pre>
 *
 * <p>Hibernate's session of a tenant holds connections of one cluster only: Tenantry already refuses a session
 * used after its binding changed. The start-up isolation audit of {@code tenantry-hibernate} audits the home
 * cluster; this module's integrator audits every other cluster with the same setting
 * ({@code tenantry.audit.on-startup}); {@link #audit(SessionFactory)} runs it on demand.
 */
public final class CompanyClusters {

  private static final ThreadLocal<String> PINNED = new ThreadLocal<>();

  private final CompanyDirectory directory;
  private final Map<String, Cluster> clusters;
  private final String home;
  private final RoutingDataSource routing = new RoutingDataSource();
  /** Connections this router has handed out per company and not yet seen closed: a move waits for them. */
  private final Map<UUID, AtomicInteger> open = new ConcurrentHashMap<>();

  private CompanyClusters(Builder b) {
    this.directory = b.directory;
    this.clusters = Collections.unmodifiableMap(new LinkedHashMap<>(b.clusters));
    this.home = b.home == null ? clusters.keySet().iterator().next() : b.home;
  }

  /**
   * Starts a configuration.
   *
   * @param directory where companies live
   * @return the builder
   */
  public static Builder builder(CompanyDirectory directory) {
    return new Builder(Objects.requireNonNull(directory, "directory"));
  }

  /**
   * The routing DataSource; the same instance on every call. {@link TenantryRls#isWrapped} answers {@code true}
   * for it.
   *
   * @return the DataSource the application should use
   */
  public DataSource dataSource() {
    return routing;
  }

  /**
   * The clusters behind a DataSource, when it is (or wraps) a routing DataSource of this class.
   *
   * @param dataSource any DataSource
   * @return its clusters, or empty
   */
  public static Optional<CompanyClusters> behind(DataSource dataSource) {
    try {
      if (dataSource instanceof RoutingDataSource r) {
        return Optional.of(r.clusters());
      }
      if (dataSource != null && dataSource.isWrapperFor(RoutingDataSource.class)) {
        return Optional.of(dataSource.unwrap(RoutingDataSource.class).clusters());
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The directory.
   *
   * @return the directory this router reads
   */
  public CompanyDirectory directory() {
    return directory;
  }

  /**
   * The cluster names, in the order they were configured.
   *
   * @return the names
   */
  public Set<String> clusterNames() {
    return clusters.keySet();
  }

  /**
   * The home cluster: where connections go when nothing is bound.
   *
   * @return its name
   */
  public String home() {
    return home;
  }

  /**
   * The cluster that holds a company, as the directory says.
   *
   * @param companyId the company
   * @return the cluster's name
   * @throws CompanyNotPlacedException if the directory does not know the company
   */
  public String clusterOf(UUID companyId) {
    return directory.find(companyId).map(Placement::cluster)
        .orElseThrow(() -> new CompanyNotPlacedException(companyId));
  }

  /**
   * The data of one cluster, read and written through its system DataSource (which must see every row: the
   * policies' system login, or one with BYPASSRLS): export, import, verify and delete of companies.
   *
   * @param cluster the cluster's name
   * @return the company data of that cluster
   */
  public CompanyData data(String cluster) {
    Cluster c = cluster(cluster);
    if (c.system == null) {
      throw new IllegalStateException("Cluster " + cluster + " has no system DataSource; company export, import and "
          + "moves need one that sees every row: configure it with builder.cluster(name, app, system)");
    }
    return CompanyData.of(c.system);
  }

  /**
   * Runs work with connections of one cluster: system work (inside {@code Tenancy.asSystem}) and unbound work go
   * there. A bound tenant's connections still follow the directory.
   *
   * @param cluster the cluster's name
   * @param work the work
   */
  public void onCluster(String cluster, Runnable work) {
    onCluster(cluster, () -> {
      work.run();
      return null;
    });
  }

  /**
   * Like {@link #onCluster(String, Runnable)}, returning the work's result.
   *
   * @param cluster the cluster's name
   * @param work the work
   * @param <T> the result type
   * @return the result
   */
  public <T> T onCluster(String cluster, Supplier<T> work) {
    cluster(cluster);
    String previous = PINNED.get();
    PINNED.set(cluster);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        PINNED.remove();
      } else {
        PINNED.set(previous);
      }
    }
  }

  /**
   * Runs work about one company (system work, or unbound work) with connections of the cluster that holds it, as
   * the directory says: platform work such as {@code TenantProvisioning.deactivateCompany}, which the routing
   * DataSource runs here by itself ({@link CompanyRouting}). A move of the company waits for the work (it counts
   * like one of the company's connections), and the work is refused while the company moves.
   *
   * @param companyId the company
   * @param work the work
   * @param <T> the result type
   * @return the result
   * @throws CompanyNotPlacedException if the directory does not know the company
   * @throws IllegalStateException if the company is being moved (its cause a {@link CompanyMovingException})
   */
  public <T> T onClusterOf(UUID companyId, Supplier<T> work) {
    Objects.requireNonNull(companyId, "companyId");
    AtomicInteger count = open.computeIfAbsent(companyId, k -> new AtomicInteger());
    count.incrementAndGet(); // first, as for a tenant connection: a move that saw none open sees this one refused
    try {
      Placement p = directory.find(companyId).orElseThrow(() -> new CompanyNotPlacedException(companyId));
      if (p.moving()) {
        CompanyMovingException moving = new CompanyMovingException(companyId, p.cluster());
        throw new IllegalStateException("Company " + companyId + " is being moved away from cluster " + p.cluster()
            + ": work on its rows now would be left behind at the source. Run it again once the move has ended.",
            moving);
      }
      return onCluster(p.cluster(), work);
    } finally {
      count.decrementAndGet();
    }
  }

  /**
   * Runs system work once per cluster, in configuration order, inside {@code Tenancy.asSystem} with the given
   * reason (the cluster's name appended) and pinned to that cluster.
   *
   * @param reason why the work crosses tenants
   * @param work receives the cluster's name
   */
  public void asSystemOnEachCluster(String reason, Consumer<String> work) {
    for (String name : clusters.keySet()) {
      onCluster(name, () -> Tenancy.runAsSystem(reason + " (cluster " + name + ")", () -> work.accept(name)));
    }
  }

  /**
   * The isolation audit of every cluster, with the mapping.
   *
   * @param mapping the application's session factory, or {@code null} to audit from the catalogs alone
   * @return each cluster's report, in configuration order
   */
  public Map<String, AuditReport> audit(SessionFactory mapping) {
    return audit(name -> {
      IsolationAudit audit = IsolationAudit.of(clusters.get(name).rls);
      return mapping == null ? audit : audit.mapping(mapping);
    });
  }

  /**
   * The isolation audit of every cluster, each configured by the caller (application role, system role...).
   *
   * @param audit makes the audit of the named cluster's row-level-security DataSource
   * @return each cluster's report, in configuration order
   */
  public Map<String, AuditReport> audit(Function<String, IsolationAudit> audit) {
    Map<String, AuditReport> reports = new LinkedHashMap<>();
    for (String name : clusters.keySet()) {
      reports.put(name, onCluster(name, () -> audit.apply(name).run()));
    }
    return reports;
  }

  /**
   * The row-level-security DataSource of one cluster, for audits and tools; applications use {@link #dataSource()}.
   *
   * @param cluster the cluster's name
   * @return the wrapped pool of that cluster
   */
  public DataSource clusterDataSource(String cluster) {
    return cluster(cluster).rls;
  }

  private Cluster cluster(String name) {
    Cluster c = clusters.get(name);
    if (c == null) {
      throw new IllegalArgumentException("No cluster named '" + name + "'; configured: " + clusters.keySet());
    }
    return c;
  }

  /**
   * Waits until every connection this router handed out for a company is closed (a move calls it after marking the
   * company moving, so no transaction of the company is still running in this JVM when the copy starts).
   *
   * @return whether none is open; {@code false} when the timeout passed first
   */
  boolean awaitClosed(UUID companyId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    AtomicInteger count = open.get(companyId);
    while (count != null && count.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** A tenant connection: counted first, then the directory read, so a move that saw no open one sees this one refused. */
  private Connection tenantConnection(UUID company, String user, String password) throws SQLException {
    AtomicInteger count = open.computeIfAbsent(company, k -> new AtomicInteger());
    count.incrementAndGet();
    boolean handedOut = false;
    try {
      Placement p = directory.find(company).orElseThrow(() -> new CompanyNotPlacedException(company));
      if (p.moving()) {
        throw new CompanyMovingException(company, p.cluster());
      }
      Cluster cluster = clusters.get(p.cluster());
      if (cluster == null) {
        throw new IllegalStateException("The company directory places company " + company + " on cluster '"
            + p.cluster() + "', which is not configured here (configured: " + clusters.keySet() + ")");
      }
      Connection c = user == null ? cluster.rls.getConnection() : cluster.rls.getConnection(user, password);
      handedOut = true;
      return ClosingConnection.wrap(c, count::decrementAndGet);
    } finally {
      if (!handedOut) {
        count.decrementAndGet();
      }
    }
  }

  /** The cluster the current binding's connections go to, when no tenant is bound. */
  String route() {
    String pinned = PINNED.get();
    if (pinned != null) {
      return pinned;
    }
    return home;
  }

  /** Configures a {@link CompanyClusters}. */
  public static final class Builder {

    private final CompanyDirectory directory;
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private String home;

    private Builder(CompanyDirectory directory) {
      this.directory = directory;
    }

    /**
     * Adds a cluster.
     *
     * @param name its name, as the directory spells it
     * @param app the pool of the application login (neither superuser nor BYPASSRLS, owns no tenant table)
     * @param system the pool of the system login for {@code Tenancy.asSystem} work and company data, or
     *     {@code null} (system work then sees no tenant rows, and companies cannot be exported from or moved to it)
     * @return this builder
     */
    public Builder cluster(String name, DataSource app, DataSource system) {
      Objects.requireNonNull(name, "name");
      if (clusters.putIfAbsent(name, new Cluster(app, system)) != null) {
        throw new IllegalArgumentException("Cluster '" + name + "' is configured twice");
      }
      return this;
    }

    /**
     * The cluster for connections with nothing bound (start-up, global tables); the first one by default.
     *
     * @param name its name
     * @return this builder
     */
    public Builder home(String name) {
      this.home = name;
      return this;
    }

    /**
     * Builds the router.
     *
     * @return the configured clusters
     */
    public CompanyClusters build() {
      if (clusters.isEmpty()) {
        throw new IllegalStateException("Configure at least one cluster: builder.cluster(name, app, system)");
      }
      if (home != null && !clusters.containsKey(home)) {
        throw new IllegalStateException("Home cluster '" + home + "' is not configured: " + clusters.keySet());
      }
      return new CompanyClusters(this);
    }
  }

  private static final class Cluster {
    final DataSource system;
    final DataSource rls;

    Cluster(DataSource app, DataSource system) {
      this.system = system;
      this.rls = TenantryRls.dataSource(Objects.requireNonNull(app, "app DataSource"), system);
    }
  }

  /** The DataSource the application uses; package-private so that only {@link #dataSource()} hands it out. */
  final class RoutingDataSource implements DataSource, CompanyRouting {

    CompanyClusters clusters() {
      return CompanyClusters.this;
    }

    @Override
    public <T> T onDatabaseOf(UUID companyId, Supplier<T> work) {
      return onClusterOf(companyId, work);
    }

    @Override
    public Connection getConnection() throws SQLException {
      Optional<TenantContext> tenant = Tenancy.find();
      if (tenant.isPresent()) {
        return tenantConnection(tenant.get().companyId(), null, null);
      }
      return clusters.get(route()).rls.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      Optional<TenantContext> tenant = Tenancy.find();
      if (tenant.isPresent()) {
        return tenantConnection(tenant.get().companyId(), username, password);
      }
      return clusters.get(route()).rls.getConnection(username, password);
    }

    private DataSource homeDataSource() {
      return clusters.get(home).rls;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return homeDataSource().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      for (Cluster c : clusters.values()) {
        c.rls.setLogWriter(out);
      }
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      for (Cluster c : clusters.values()) {
        c.rls.setLoginTimeout(seconds);
      }
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return homeDataSource().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return homeDataSource().getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      if (iface.isInstance(this)) {
        return iface.cast(this);
      }
      return homeDataSource().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return iface.isInstance(this) || homeDataSource().isWrapperFor(iface);
    }

    @Override
    public String toString() {
      return "CompanyClusters" + clusters.keySet() + "[home=" + home + "]";
    }
  }
}
