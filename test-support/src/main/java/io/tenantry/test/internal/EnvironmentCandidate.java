package io.tenantry.test.internal;

import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The server named by {@code TENANTRY_TEST_JDBC_URL} (+ {@code _USER}, {@code _PASSWORD}) or the system properties
 * {@code tenantry.test.jdbc.url/user/password}, which win over the environment. User and password may also sit in
 * the URL. The login must be able to create databases and roles.
 */
final class EnvironmentCandidate implements Candidate {

  static final String URL_VARIABLE = "TENANTRY_TEST_JDBC_URL";
  static final String USER_VARIABLE = "TENANTRY_TEST_JDBC_USER";
  static final String PASSWORD_VARIABLE = "TENANTRY_TEST_JDBC_PASSWORD";
  private static final int MINIMUM_VERSION = 130000;

  private final UnaryOperator<String> environment;
  private final UnaryOperator<String> systemProperties;

  EnvironmentCandidate(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
    this.environment = environment;
    this.systemProperties = systemProperties;
  }

  static EnvironmentCandidate fromSystem() {
    return new EnvironmentCandidate(System::getenv, System::getProperty);
  }

  @Override
  public TestDatabase.Source source() {
    return TestDatabase.Source.ENVIRONMENT;
  }

  @Override
  public boolean explicit() {
    return true;
  }

  @Override
  public String whyUnavailable() {
    return setting(URL_VARIABLE) == null ? URL_VARIABLE + " is not set (nor -Dtenantry.test.jdbc.url)" : null;
  }

  @Override
  public PostgresServer start() throws SQLException {
    String url = setting(URL_VARIABLE);
    if (!JdbcUrls.isPostgres(url)) {
      throw new IllegalArgumentException(URL_VARIABLE + " must look like jdbc:postgresql://host:5432/db, got: " + url);
    }
    Map<String, String> inUrl = JdbcUrls.parameters(url);
    String user = firstSet(setting(USER_VARIABLE), inUrl.get("user"));
    String password = firstSet(setting(PASSWORD_VARIABLE), inUrl.get("password"));
    String cleanUrl = JdbcUrls.withoutCredentials(url);
    Properties login = new Properties();
    if (user != null) {
      login.setProperty("user", user);
    }
    if (password != null) {
      login.setProperty("password", password);
    }
    try (Connection connection = DriverManager.getConnection(cleanUrl, login);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT current_user, rolsuper, rolcreatedb, rolcreaterole,"
            + " current_setting('server_version_num')::int FROM pg_roles WHERE rolname = current_user")) {
      row.next();
      String actualUser = row.getString(1);
      boolean superuser = row.getBoolean(2);
      if (!superuser && !(row.getBoolean(3) && row.getBoolean(4))) {
        throw new IllegalStateException("login " + actualUser + " may not create databases and roles; run"
            + " ALTER ROLE " + actualUser + " CREATEDB CREATEROLE as a superuser, or use a superuser");
      }
      if (row.getInt(5) < MINIMUM_VERSION) {
        throw new IllegalStateException("server version " + row.getInt(5) + " is older than PostgreSQL 13");
      }
      return new PostgresServer(source(), cleanUrl, actualUser, password, () -> { });
    }
  }

  private String setting(String variable) {
    String property = variable.toLowerCase(Locale.ROOT).replace('_', '.');
    return firstSet(systemProperties.apply(property), environment.apply(variable));
  }

  private static String firstSet(String first, String second) {
    if (first != null && !first.isBlank()) {
      return first;
    }
    return second != null && !second.isBlank() ? second : null;
  }
}
