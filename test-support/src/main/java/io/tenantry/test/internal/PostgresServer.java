package io.tenantry.test.internal;

import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Not API. A running PostgreSQL server and the login that may create databases and roles on it.
 */
public final class PostgresServer {

  private final TestDatabase.Source source;
  private final String maintenanceUrl;
  private final String adminUser;
  private final String adminPassword;
  private final AutoCloseable stopper;

  PostgresServer(TestDatabase.Source source, String maintenanceUrl, String adminUser, String adminPassword,
      AutoCloseable stopper) {
    this.source = source;
    this.maintenanceUrl = JdbcUrls.withoutCredentials(maintenanceUrl);
    this.adminUser = adminUser;
    this.adminPassword = adminPassword == null ? "" : adminPassword;
    this.stopper = stopper;
  }

  /**
   * Where the server came from.
   *
   * @return the source
   */
  public TestDatabase.Source source() {
    return source;
  }

  /**
   * The login that creates databases and roles.
   *
   * @return its name
   */
  public String adminUser() {
    return adminUser;
  }

  /**
   * The admin login's password.
   *
   * @return the password, empty when none is needed
   */
  public String adminPassword() {
    return adminPassword;
  }

  /**
   * The URL of another database on this server, without credentials.
   *
   * @param database the database name
   * @return the JDBC URL
   */
  public String jdbcUrl(String database) {
    return JdbcUrls.withDatabase(maintenanceUrl, database);
  }

  /**
   * Connects as admin to the database the server was found with (not a test database).
   *
   * @return a new connection in autocommit mode; the caller closes it
   * @throws SQLException if the server refuses
   */
  public Connection connectMaintenance() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", adminUser);
    if (!adminPassword.isEmpty()) {
      properties.setProperty("password", adminPassword);
    }
    return DriverManager.getConnection(maintenanceUrl, properties);
  }

  /**
   * A short description for messages: source and URL.
   *
   * @return the description
   */
  public String describe() {
    return source + " server " + maintenanceUrl;
  }

  void stop() {
    try {
      stopper.close();
    } catch (Exception e) {
      System.err.println("Tenantry test support: could not stop " + describe() + ": " + e);
    }
  }
}
