package io.tenantry.benchmarks.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.internal.PostgresServer;
import io.tenantry.test.internal.SharedServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The PostgreSQL server of a run (the one the tests use: {@code TENANTRY_TEST_JDBC_URL}, else embedded),
 * its three benchmark logins, and the loaded data sets.
 *
 * <ul>
 *   <li>{@value #OWNER} owns the tables and loads the data;</li>
 *   <li>{@value #APP}: the application role of the row-level-security variant (no superuser, no
 *       BYPASSRLS, owns nothing), so the policies apply to it;</li>
 *   <li>{@value #BYPASS}: identical but with BYPASSRLS, for the variants without row-level security, so
 *       that every variant reads the same tables and the same data.</li>
 * </ul>
 */
public final class BenchServer {

  public static final String OWNER = "tenantry_bench_owner";
  public static final String APP = "tenantry_bench_app";
  public static final String BYPASS = "tenantry_bench_bypass";
  /**
   * Bump when the loaded data change in a way the fingerprint cannot see. (The library's migrations are not in the
   * fingerprint: a reused database that lacks one of the class path's is loaded again, see {@link #dataset}.)
   */
  private static final String DATA_VERSION = "4";

  private final PostgresServer server;
  private final String password;

  private BenchServer(PostgresServer server) {
    this.server = server;
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    this.password = "b" + HexFormat.of().formatHex(random);
  }

  public static BenchServer start() throws SQLException {
    BenchServer s = new BenchServer(SharedServer.get());
    s.ensureRoles();
    return s;
  }

  private void ensureRoles() throws SQLException {
    try (Connection c = server.connectMaintenance(); Statement st = c.createStatement()) {
      for (String[] role : new String[][] {
          {OWNER, "nosuperuser nobypassrls"}, {APP, "nosuperuser nobypassrls"}, {BYPASS, "nosuperuser bypassrls"}}) {
        st.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role[0] + "') then"
            + " create role " + role[0] + " login " + role[1] + "; end if; end $$");
        st.execute("alter role " + role[0] + " login " + role[1] + " nocreatedb nocreaterole password '" + password + "'");
      }
      // Commit durability is the same for every variant and not what is measured; waiting for the WAL
      // flush of every insert put this VM's disk latency (p99 > 100 ms) into the numbers instead.
      for (String role : new String[] {APP, BYPASS}) {
        st.execute("alter role " + role + " set synchronous_commit = off");
      }
    } catch (SQLException e) {
      throw new SQLException("Could not create the benchmark roles as " + server.adminUser() + " (" + e.getMessage()
          + "). The benchmark needs a superuser login (BYPASSRLS roles can only be made by one): the embedded "
          + "server's, or TENANTRY_TEST_JDBC_URL with a superuser such as postgres.", e.getSQLState(), e);
    }
  }

  /** What server this is, for the results: source, version, URL, memory settings. */
  public Map<String, Object> describe() throws SQLException {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("source", server.source().toString());
    d.put("url", server.jdbcUrl("<database>"));
    try (Connection c = server.connectMaintenance(); Statement st = c.createStatement()) {
      for (String setting : new String[] {"server_version", "shared_buffers", "work_mem", "max_connections",
          "synchronous_commit", "jit"}) {
        try (ResultSet rs = st.executeQuery("show " + setting)) {
          rs.next();
          d.put(setting, rs.getString(1));
        }
      }
    }
    return d;
  }

  public String source() {
    return server.source().toString();
  }

  /**
   * The data set of this shape, loaded unless an identical load is already there (or {@code reload}).
   * Sales inserted by earlier runs are removed first, so every run starts from the same rows.
   *
   * @param policySql makes the row-level-security DDL from a DataSource connected as the owner
   */
  public Dataset dataset(Shape shape, boolean reload, Function<DataSource, String> policySql) throws Exception {
    String name = "tenantry_bench_" + shape.companies;
    String label = String.format(Locale.ROOT, "%,d companies", shape.companies);
    String fingerprint = fingerprint(shape);
    Dataset ds = new Dataset(this, name, shape, label);
    String found = reload ? null : existingFingerprint(name);
    boolean reuse = fingerprint.equals(found);
    if (reuse) {
      String stale;
      try {
        List<String> missing = migrate(ds);
        stale = missing.isEmpty() ? null : "lacked the library migrations " + missing;
      } catch (RuntimeException e) { // e.g. a library migration changed since: a new load migrates from scratch
        stale = "failed the library migrations (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")";
      }
      if (stale != null) {
        System.out.printf("  [%s] database %s %s: loading it again%n", label, name, stale);
        reuse = false;
      }
    }
    if (reuse) {
      System.out.printf("  [%s] reusing database %s (same data as a previous load; --reload loads it again)%n", label,
          name);
      try (Connection c = admin(name); Statement st = c.createStatement()) {
        int removed = st.executeUpdate("delete from pos_sale where sold_at >= timestamptz '2025-01-01 00:00:00+00' + interval '"
            + Shape.HISTORY_DAYS + " days'");
        st.execute("vacuum (analyze) pos_sale, pos_sale_line");
        System.out.printf("  [%s] removed %,d sales inserted by earlier runs%n", label, removed);
      }
    } else {
      System.out.printf("  [%s] loading %s into database %s (%,d sale lines)%n", label, shape, name, shape.saleLines());
      try (Connection c = server.connectMaintenance(); Statement st = c.createStatement()) {
        st.execute("drop database if exists " + name + " with (force)");
        st.execute("create database " + name + " template template0 encoding 'UTF8'");
      }
      try (Connection c = admin(name); Statement st = c.createStatement()) {
        st.execute("grant create, usage on schema public to " + OWNER);
        st.execute("grant usage on schema public to " + APP + ", " + BYPASS);
      }
      migrate(ds);
      try (Connection owner = ds.connect(OWNER)) {
        DataLoader.load(owner, shape, label);
        try (Statement st = owner.createStatement()) {
          st.execute("create table bench_meta (fingerprint text not null, loaded_at timestamptz not null default now())");
          st.execute("insert into bench_meta (fingerprint) values ('" + fingerprint + "')");
        }
      }
    }
    try (HikariDataSource owner = pool(ds, OWNER, "owner-" + shape.companies, 1)) {
      String ddl = policySql.apply(owner);
      try (Connection c = owner.getConnection(); Statement st = c.createStatement()) {
        st.execute(ddl);
        st.execute("grant select, insert, update, delete on all tables in schema public to " + APP + ", " + BYPASS);
      }
      ds.policySql = ddl;
    }
    return ds;
  }

  /** Applies, as the owner, every library migration on the class path that the data set's database lacks. */
  private List<String> migrate(Dataset ds) {
    try (HikariDataSource owner = pool(ds, OWNER, "migrate-" + ds.name(), 2)) {
      return TenantryMigrations.migrate(owner);
    }
  }

  private String existingFingerprint(String database) {
    try (Connection c = server.connectMaintenance(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
      if (!rs.next()) {
        return null;
      }
    } catch (SQLException e) {
      return null;
    }
    try (Connection c = admin(database); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select fingerprint from bench_meta")) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      return null;
    }
  }

  private static String fingerprint(Shape shape) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (String part : new String[] {DATA_VERSION, shape.toString(), DataLoader.resource("bench/schema.sql"),
        DataLoader.resource("bench/constraints.sql"), String.join("\n", DataLoader.TABLE_SQL)}) {
      md.update(part.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }

  /**
   * A new, empty database for the POS runs (dropped first when it exists), with the POS's two roles (created
   * here with the run's password, NOSUPERUSER NOBYPASSRLS, so that its migration finds them) and, in this
   * database only, {@code synchronous_commit = off} for them and for the admin login, as for every benchmark login.
   */
  public void freshPosDatabase(String name, String... roles) throws SQLException {
    try (Connection c = server.connectMaintenance(); Statement st = c.createStatement()) {
      st.execute("drop database if exists " + name + " with (force)");
      st.execute("create database " + name + " template template0 encoding 'UTF8'");
      for (String role : roles) {
        st.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then"
            + " create role " + role + " login nosuperuser nobypassrls; end if; end $$");
        st.execute("alter role " + role + " login nosuperuser nobypassrls nocreatedb nocreaterole password '"
            + password + "'");
        st.execute("alter role " + role + " in database " + name + " set synchronous_commit = off");
      }
      st.execute("alter role " + server.adminUser() + " in database " + name + " set synchronous_commit = off");
    }
  }

  /** The JDBC URL of a database on this server. */
  public String jdbcUrl(String database) {
    return server.jdbcUrl(database);
  }

  public String adminUser() {
    return server.adminUser();
  }

  public String adminPassword() {
    return server.adminPassword();
  }

  /** The password of every benchmark role, random per run. */
  public String rolePassword() {
    return password;
  }

  /** A plain admin connection to a benchmark database (superuser: row-level security does not apply). */
  public Connection admin(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", server.adminUser());
    if (!server.adminPassword().isEmpty()) {
      p.setProperty("password", server.adminPassword());
    }
    return DriverManager.getConnection(server.jdbcUrl(database), p);
  }

  Connection connect(String database, String role) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", role);
    p.setProperty("password", password);
    return DriverManager.getConnection(server.jdbcUrl(database), p);
  }

  /** The connection pool every variant gets: same HikariCP settings, same driver, only the login differs. */
  public HikariDataSource pool(Dataset ds, String role, String poolName, int size) {
    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName(poolName);
    cfg.setJdbcUrl(server.jdbcUrl(ds.name()));
    cfg.setUsername(role);
    cfg.setPassword(password);
    cfg.setMaximumPoolSize(size);
    cfg.setMinimumIdle(size);
    cfg.setConnectionTimeout(30_000);
    return new HikariDataSource(cfg);
  }
}
