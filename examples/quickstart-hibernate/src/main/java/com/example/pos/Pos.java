package com.example.pos;

import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.rls.TenantryRls;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.cfg.AvailableSettings;

/** How the application starts: migrate as the owner, then open Hibernate on the row-level-security DataSource. */
public final class Pos {

  private Pos() {}

  /**
   * Flyway, as the owner: Tenantry's schema, the application's tables, the generated policies. Tenantry's
   * migrations (V0_x) sort before the application's, so a library upgrade adds them out of order.
   */
  public static void migrate(DataSource owner) {
    Flyway.configure().dataSource(owner).locations("classpath:db/migration", "classpath:db/tenantry")
        .outOfOrder(true).load().migrate();
  }

  /** The persistence unit "pos" of META-INF/persistence.xml, on the app login, system work on the system login. */
  public static EntityManagerFactory open(DataSource app, DataSource system) {
    DataSource dataSource = TenantryRls.dataSource(app, system);   // app role: no superuser, no BYPASSRLS, owns nothing
    Map<String, Object> settings = TenantryHibernate.settings(); // hibernate.tenant_identifier_resolver=…
    settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
    return Persistence.createEntityManagerFactory("pos", settings);
  }
}
