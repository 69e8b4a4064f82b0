package io.tenantry.examples.pos.database;

import java.nio.file.Path;
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
 */
@ConfigurationProperties("pos.database")
public record PosDatabaseProperties(
    @DefaultValue("pos_app") String appRole,
    String appPassword,
    @DefaultValue("pos_system") String systemRole,
    String systemPassword,
    Path embeddedDataDirectory,
    @DefaultValue("0") int embeddedPort) {

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
    if (embeddedDataDirectory == null) {
      embeddedDataDirectory = Path.of(System.getProperty("java.io.tmpdir"), "tenantry-pos-postgres");
    }
  }
}
