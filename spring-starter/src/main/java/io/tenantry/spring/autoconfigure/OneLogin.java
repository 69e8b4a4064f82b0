package io.tenantry.spring.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.hibernate.rls.TenantryRoles;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The one-login mode's state: the owner login as configured in {@code spring.datasource.*}, taken from
 * the application's HikariCP DataSource before its pool starts, which then connects as the
 * application role instead; the system role; and their passwords (configured, or random per start).
 * Flyway migrates as the owner, and after every migrate {@link #createRoles(Connection, String)} creates or
 * checks both roles and sets their passwords.
 */
final class OneLogin {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TenantryProperties.Rls properties;
  private String ownerUrl;
  private String ownerUser;
  private String ownerPassword;
  private String appRole;
  private String appPassword;
  private String systemRole;
  private String systemPassword;

  OneLogin(TenantryProperties.Rls properties) {
    this.properties = properties;
  }

  boolean enabled() {
    return properties.getOneLogin().isEnabled();
  }

  /** Takes the owner login from the application's pool and points the pool at the application role. */
  synchronized void takeOver(DataSource application) {
    if (!(application instanceof HikariDataSource hikari)) {
      throw new IllegalStateException("tenantry.rls.one-login.enabled=true needs Spring Boot's HikariCP DataSource "
          + "(found " + application.getClass().getName() + "): configure the roles yourself "
          + "(spring.datasource.* as the application role, tenantry.rls.system.*), see docs/starter.md");
    }
    if (hikari.isRunning()) {
      throw new IllegalStateException("tenantry.rls.one-login.enabled=true: the DataSource's pool was started before "
          + "Tenantry could point it at the application role");
    }
    ownerUrl = hikari.getJdbcUrl();
    ownerUser = hikari.getUsername();
    ownerPassword = hikari.getPassword();
    if (ownerUrl == null || ownerUser == null) {
      throw new IllegalStateException("tenantry.rls.one-login.enabled=true needs spring.datasource.url and "
          + "spring.datasource.username: the owner login that migrates and creates the other roles");
    }
    TenantryProperties.Rls.OneLogin one = properties.getOneLogin();
    TenantryProperties.Rls.SystemLogin system = properties.getSystem();
    appRole = one.getAppRole() != null ? one.getAppRole() : ownerUser.toLowerCase(Locale.ROOT) + "_app";
    systemRole = system.getUsername() != null ? system.getUsername() : ownerUser.toLowerCase(Locale.ROOT) + "_system";
    TenantryRoles.sql(appRole, systemRole); // refuses bad names now, before anything connects
    appPassword = one.getAppPassword() != null ? one.getAppPassword() : randomPassword();
    systemPassword = system.getPassword() != null ? system.getPassword() : randomPassword();
    hikari.setUsername(appRole);
    hikari.setPassword(appPassword);
  }

  synchronized String ownerUrl() {
    return required(ownerUrl);
  }

  synchronized String ownerUser() {
    return required(ownerUser);
  }

  synchronized String ownerPassword() {
    required(ownerUrl);
    return ownerPassword;
  }

  synchronized String systemRole() {
    return required(systemRole);
  }

  synchronized String systemPassword() {
    required(systemRole);
    return systemPassword;
  }

  /** Creates or checks both roles, grants what they need and sets their passwords, on the owner's connection. */
  synchronized void createRoles(Connection owner, String historyTable) {
    required(appRole);
    try (Statement statement = owner.createStatement()) {
      statement.execute(TenantryRoles.sql(appRole, systemRole, historyTable));
      statement.execute("alter role " + appRole + " password " + literal(appPassword));
      statement.execute("alter role " + systemRole + " password " + literal(systemPassword));
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create or update the roles " + appRole + " and " + systemRole
          + " as " + ownerUser + " (" + e.getMessage() + "): the owner login needs CREATEROLE (or create the roles "
          + "yourself with TenantryRoles.sql and configure their passwords: tenantry.rls.one-login.app-password, "
          + "tenantry.rls.system.password)", e);
    }
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private <T> T required(T value) {
    if (value == null) {
      throw new IllegalStateException("tenantry.rls.one-login.enabled=true, but the application's DataSource has "
          + "not been seen yet (or row-level security is off: tenantry.rls.enabled=false)");
    }
    return value;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
