package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.model.Company;
import io.tenantry.hibernate.fixture.tenantid.Ticket;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.internal.StandardPersisterClassResolver;
import org.junit.jupiter.api.Test;

/**
 * What the session factory refuses at start, each with the fix in the message; no setting turns
 * scoping off.
 */
@TenantryPostgres
class StartupChecksTest {

  private static SessionFactory start(TestDatabase db, Map<String, Object> settings, Class<?>... entities) {
    Configuration cfg = new Configuration();
    for (Class<?> entity : entities) {
      cfg.addAnnotatedClass(entity);
    }
    TenantryHibernate.settings().forEach((k, v) -> cfg.setProperty(k, String.valueOf(v)));
    cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, db.appRole().dataSource());
    cfg.getProperties().putAll(settings);
    return cfg.buildSessionFactory();
  }

  private static String persisterOfCompany(SessionFactory sf) {
    return sf.unwrap(SessionFactoryImplementor.class).getMappingMetamodel().getEntityDescriptor(Company.class)
        .getClass().getName();
  }

  @Test
  void byDefault_tenantOwnedEntities_getTenantrysPersisters(TestDatabase db) {
    try (SessionFactory sf = start(db, Map.of(), Company.class)) {
      assertThat(persisterOfCompany(sf)).isEqualTo("io.tenantry.hibernate.internal.ScopedSingleTableEntityPersister");
    }
  }

  /**
   * Hibernate's {@code @TenantId} next to Tenantry's entities would be scoped the wrong way round (its
   * filter is the name Tenantry uses to mark system sessions).
   */
  @Test
  void tenantIdEntity_besideTenantryEntities_stopsTheStart(TestDatabase db) {
    assertThatThrownBy(() -> start(db, Map.of(), Company.class, Ticket.class).close())
        .hasMessageContaining("Ticket uses Hibernate's @TenantId")
        .hasMessageContaining("extend one of them");
  }

  @Test
  void ownPersisterResolver_stopsTheStart(TestDatabase db) {
    assertThatThrownBy(() -> start(db, Map.of("hibernate.persister.resolver", StandardPersisterClassResolver.class),
        Company.class).close())
        .hasMessageContaining("persister class resolver is " + StandardPersisterClassResolver.class.getName())
        .hasMessageContaining("remove the hibernate.persister.resolver setting");
  }

  @Test
  void noSettingOrEnvironmentTurnsScopingOff(TestDatabase db) {
    // the former benchmark switch is gone from the library: set as a property it changes nothing
    try (SessionFactory sf = start(db, Map.of("tenantry.benchmark.scoping-off", "true"), Company.class)) {
      assertThat(persisterOfCompany(sf)).startsWith("io.tenantry.hibernate.internal.Scoped");
    }
  }
}
