package io.tenantry.hibernate.rls;

import io.tenantry.hibernate.TenantryHibernate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.service.UnknownUnwrapTypeException;

/**
 * The policy migration generated at build time, from the entity classes alone: no database, no
 * running application. Hibernate builds the mapping from {@link MetadataSources} with PostgreSQL named
 * as the database, JDBC metadata access off and a connection provider that refuses, so nothing connects
 * (and Hibernate has nothing to warn about); the SQL is exactly
 * {@link TenantryRls#mappingPolicySql(SessionFactory, String)}'s for the same mapping.
 *
 * <p>Tenantry's own entities ({@code tenantry_company}, {@code tenantry_store}, …, and the starter's
 * {@code tenantry_register_key} when the starter is on the class path) are always included: every
 * library jar lists its entity packages in {@code META-INF/tenantry/entity-packages}. So a plain
 * Hibernate application that maps only some of them still gets every {@code tenantry_*} table's
 * policy.
 *
 * <p>In a test, keep the committed migration current (the failure shows the difference and the
 * command that rewrites it):
 *
 * <pre>{@code
 * @Test
 * void policyMigrationIsCurrent() {
 *   TenantryPolicies.scan("com.example.shop").systemRole("shop_system")
 *       .assertMigrationCurrent(Path.of("src/main/resources/db/migration/V2__tenantry_policies.sql"));
 * }
 * }</pre>
 *
 * <p>From the command line (the application's compiled classes and dependencies on the class path),
 * for instance with Maven:
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.mainClass=io.tenantry.hibernate.rls.TenantryPolicies \
 *   -Dexec.args="--packages com.example.shop --system-role shop_system \
 *                --out src/main/resources/db/migration/V2__tenantry_policies.sql"
 * </pre>
 *
 * Options: {@code --packages a,b} (scanned with sub-packages), {@code --classes x.Y,…},
 * {@code --system-role name}, {@code --out file} (else standard output), {@code --check file} (exit 1
 * with the difference when the file is not current). Exit 0 on success, 1 when a check fails, 2 on
 * bad usage.
 */
public final class TenantryPolicies {

  private final Set<Class<?>> classes = new LinkedHashSet<>();
  private final Set<String> packages = new LinkedHashSet<>();
  private String systemRole;
  private ClassLoader classLoader = Thread.currentThread().getContextClassLoader() != null
      ? Thread.currentThread().getContextClassLoader() : TenantryPolicies.class.getClassLoader();

  private TenantryPolicies() {}

  /** The policies of these entity classes (and of Tenantry's own entities). */
  public static TenantryPolicies of(Class<?>... entities) {
    TenantryPolicies p = new TenantryPolicies();
    p.classes.addAll(Arrays.asList(entities));
    return p;
  }

  /**
   * The policies of every {@code @Entity} in these packages and their sub-packages (and of Tenantry's
   * own entities).
   */
  public static TenantryPolicies scan(String... packageNames) {
    return new TenantryPolicies().packages(packageNames);
  }

  /** Adds packages to scan. */
  public TenantryPolicies packages(String... packageNames) {
    for (String name : packageNames) {
      packages.add(Objects.requireNonNull(name, "package name"));
    }
    return this;
  }

  /** Adds entity classes. */
  public TenantryPolicies classes(Class<?>... entities) {
    classes.addAll(Arrays.asList(entities));
    return this;
  }

  /**
   * The login that {@code Tenancy.asSystem} work uses, named in every policy; {@code null} (the default)
   * for none: system work then sees no tenant rows.
   */
  public TenantryPolicies systemRole(String role) {
    this.systemRole = role;
    return this;
  }

  /** The class loader to scan and load entities with; default: the thread's context class loader. */
  public TenantryPolicies classLoader(ClassLoader loader) {
    this.classLoader = Objects.requireNonNull(loader, "class loader");
    return this;
  }

  /** The mapped classes the policies are generated from: Tenantry's own, then the scanned, then the given. */
  public List<Class<?>> mappedClasses() {
    Set<Class<?>> all = new LinkedHashSet<>();
    for (String library : EntityScan.libraryPackages(classLoader)) {
      all.addAll(EntityScan.mappedClasses(classLoader, library));
    }
    for (String name : packages) {
      List<Class<?>> found = EntityScan.mappedClasses(classLoader, name);
      if (found.isEmpty()) {
        throw new IllegalArgumentException("Package " + name + " has no @Entity class on the class path: "
            + "compile the application first, or check the package name");
      }
      all.addAll(found);
    }
    all.addAll(classes);
    if (all.isEmpty()) {
      throw new IllegalStateException("No entity found: name the application's entities, and put tenantry-core "
          + "on the class path");
    }
    return new ArrayList<>(all);
  }

  /** The policy migration: the same text as {@link TenantryRls#mappingPolicySql(SessionFactory, String)}. */
  public String sql() {
    // PostgreSQL named as the database (not as an explicit dialect, which Hibernate warns is not needed), at the
    // version Hibernate assumes without a connection; no connection provider is looked for (nothing connects)
    StandardServiceRegistryBuilder registry = new StandardServiceRegistryBuilder()
        .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
        .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, "14")
        .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION, "0")
        .applySetting(AvailableSettings.CONNECTION_PROVIDER, new NoConnections())
        .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false")
        .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
        .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false")
        .applySetting(TenantryHibernate.AUDIT_PROPERTY, "off");
    TenantryHibernate.settings().forEach(registry::applySetting);
    StandardServiceRegistry services = registry.build();
    try {
      MetadataSources sources = new MetadataSources(services);
      mappedClasses().forEach(sources::addAnnotatedClass);
      try (SessionFactory factory = sources.buildMetadata().buildSessionFactory()) {
        return TenantryRls.mappingPolicySql(factory, systemRole);
      }
    } finally {
      StandardServiceRegistryBuilder.destroy(services);
    }
  }

  /** Writes {@link #sql()} to a file, creating its directory. */
  public Path writeTo(Path file) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      return Files.writeString(file, sql(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the policy migration to " + file, e);
    }
  }

  /**
   * Fails with an {@link AssertionError} when the committed migration differs from what the current
   * mapping generates (line endings aside); the message holds the difference and how to rewrite the
   * file. Use it in a unit test: it needs no database.
   */
  public void assertMigrationCurrent(Path migration) {
    String expected = sql();
    String actual;
    try {
      actual = Files.readString(migration, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("The policy migration " + migration + " cannot be read (" + e + "). Generate it: "
          + "TenantryPolicies" + describe() + ".writeTo(Path.of(\"" + migration + "\"))", e);
    }
    String difference = LineDiff.unified(normalize(actual), normalize(expected), migration.toString(), "generated");
    if (!difference.isEmpty()) {
      throw new AssertionError("The policy migration " + migration + " is not current: the mapping now generates "
          + "other policies. Rewrite it (a new migration if the old one already ran: Flyway checksums) with "
          + "TenantryPolicies" + describe() + ".writeTo(…), or the command line: java -cp … "
          + TenantryPolicies.class.getName() + " " + String.join(" ", arguments()) + " --out " + migration
          + "\n" + difference);
    }
  }

  private String describe() {
    StringBuilder d = new StringBuilder();
    if (!packages.isEmpty()) {
      d.append(".scan(\"").append(String.join("\", \"", packages)).append("\")");
    }
    if (!classes.isEmpty()) {
      d.append(".classes(…)");
    }
    if (systemRole != null) {
      d.append(".systemRole(\"").append(systemRole).append("\")");
    }
    return d.toString();
  }

  private List<String> arguments() {
    List<String> args = new ArrayList<>();
    if (!packages.isEmpty()) {
      args.add("--packages");
      args.add(String.join(",", packages));
    }
    if (!classes.isEmpty()) {
      args.add("--classes");
      args.add(String.join(",", classes.stream().map(Class::getName).toList()));
    }
    if (systemRole != null) {
      args.add("--system-role");
      args.add(systemRole);
    }
    return args;
  }

  private static String normalize(String text) {
    return text.replace("\r\n", "\n");
  }

  /** Entry point: see the class documentation for the options. */
  public static void main(String[] args) {
    int status = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    TenantryPolicies policies = new TenantryPolicies();
    Path outFile = null;
    Path check = null;
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        return usage(err, "unexpected argument '" + args[i] + "'");
      }
      String value = args[++i];
      switch (args[i - 1]) {
        case "--packages" -> policies.packages(split(value));
        case "--classes" -> {
          for (String name : split(value)) {
            try {
              policies.classes(Class.forName(name, false, policies.classLoader));
            } catch (ClassNotFoundException e) {
              return usage(err, "class " + name + " is not on the class path");
            }
          }
        }
        case "--system-role" -> policies.systemRole(value);
        case "--out" -> outFile = Path.of(value);
        case "--check" -> check = Path.of(value);
        default -> {
          return usage(err, "unknown option " + args[i - 1]);
        }
      }
    }
    if (policies.packages.isEmpty() && policies.classes.isEmpty()) {
      return usage(err, "name the application's entities with --packages or --classes");
    }
    try {
      if (check != null) {
        policies.assertMigrationCurrent(check);
        out.println(check + " is current");
      } else if (outFile != null) {
        policies.writeTo(outFile);
        out.println("Wrote the policies of " + policies.mappedClasses().size() + " mapped classes to " + outFile);
      } else {
        out.print(policies.sql());
        out.flush();
      }
      return 0;
    } catch (AssertionError e) {
      err.println(e.getMessage());
      return 1;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return usage(err, e.getMessage());
    }
  }

  private static String[] split(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  private static int usage(PrintWriter err, String problem) {
    err.println("TenantryPolicies: " + problem);
    err.println("usage: java -cp <application classes and dependencies> " + TenantryPolicies.class.getName()
        + " --packages com.example.app[,…] [--classes com.example.X,…] [--system-role app_system]"
        + " [--out V2__tenantry_policies.sql | --check V2__tenantry_policies.sql]");
    return 2;
  }

  /** The connection provider of a mapping built without a database: asked for a connection, it refuses. */
  private static final class NoConnections implements ConnectionProvider {

    private static final long serialVersionUID = 1L;

    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLException("TenantryPolicies builds the mapping without a database and opens no connection");
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
      connection.close();
    }

    @Override
    public boolean supportsAggressiveRelease() {
      return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
      return false;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new UnknownUnwrapTypeException(type);
    }
  }
}
