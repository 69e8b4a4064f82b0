package io.tenantry.test;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * A login as an application should connect: {@code LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE
 * NOINHERIT}, owning nothing, so row-level security applies to it. It may connect to its
 * {@link TestDatabase} (and no other test database), use schema {@code public}, and
 * {@code SELECT, INSERT, UPDATE, DELETE} on its tables, including tables the admin creates later
 * (sequences: {@code USAGE, SELECT, UPDATE}). Created by {@link TestDatabase#createAppRole(String)} or
 * {@link TestDatabase#appRole()}; dropped with the database after the test class.
 */
public final class AppRole {

  private final String name;
  private final String password;
  private final String jdbcUrl;
  private HikariDataSource pool;
  private boolean closed;

  AppRole(String name, String password, String jdbcUrl) {
    this.name = name;
    this.password = password;
    this.jdbcUrl = jdbcUrl;
  }

  /**
   * The role's name: the prefix it was created with, an underscore and a random suffix.
   *
   * @return the role name, a lowercase SQL identifier
   */
  public String name() {
    return name;
  }

  /**
   * The role's password, random per role.
   *
   * @return the password
   */
  public String password() {
    return password;
  }

  /**
   * The JDBC URL of the role's database, the same as {@link TestDatabase#jdbcUrl()}; it carries no credentials.
   *
   * @return the JDBC URL, to use with {@link #name()} and {@link #password()}
   */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * A pooled data source (at most 4 connections) that logs in as this role; closed after the test class.
   *
   * @return the data source, the same one on every call
   */
  public synchronized DataSource dataSource() {
    if (closed) {
      throw new IllegalStateException("Role " + name + " was dropped with its test class; "
          + "use the TestDatabase of the running class");
    }
    if (pool == null) {
      pool = Pools.open("tenantry-" + name, jdbcUrl, name, password);
    }
    return pool;
  }

  synchronized void closePool() {
    closed = true;
    if (pool != null) {
      pool.close();
    }
  }
}
