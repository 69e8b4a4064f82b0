package io.tenantry.hibernate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.model.Company;
import io.tenantry.core.model.internal.SystemSessionFilter;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.TenantryTenantIdentifierResolver;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.binder.internal.TenantIdBinder;
import org.hibernate.boot.internal.SessionFactoryOptionsBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Pins each Hibernate internal that {@link HibernateCoupling} relies on: a Hibernate upgrade that
 * renames the tenant filter, stops enabling it for non-root tenants, or changes the options class
 * fails here, not as a silent loss of scoping.
 */
@TenantryPostgres
class HibernateCouplingTest {

  @Test
  void systemSessionFilter_isHibernatesTenantFilter() {
    assertThat(SystemSessionFilter.NAME).isEqualTo(TenantIdBinder.FILTER_NAME);
    assertThat(SystemSessionFilter.PARAMETER).isEqualTo(TenantIdBinder.PARAMETER_NAME);
    assertThat(HibernateCoupling.TENANT_FILTER).isEqualTo(TenantIdBinder.FILTER_NAME);
  }

  @Test
  void isRootTenant_isFalseOnlyForSystem() {
    UUID system = TenantryTenantIdentifierResolver.SYSTEM;
    assertThat(HibernateCoupling.isRootTenant(system, system)).isFalse();
    assertThat(HibernateCoupling.isRootTenant(UUID.randomUUID(), system)).isTrue();
    assertThat(HibernateCoupling.isRootTenant(TenantryTenantIdentifierResolver.NO_TENANT, system)).isTrue();
  }

  @Test
  void hibernateEnablesTheMarker_inSystemSessionsOnly(TestDatabase db) {
    try (SessionFactory sf = start(db)) {
      try (Session system = sf.withOptions().tenantIdentifier((Object) TenantryTenantIdentifierResolver.SYSTEM)
          .openSession()) {
        assertThat(system.getEnabledFilter(HibernateCoupling.TENANT_FILTER)).isNotNull();
      }
      try (Session tenant = sf.withOptions().tenantIdentifier((Object) UUID.randomUUID()).openSession()) {
        assertThat(tenant.getEnabledFilter(HibernateCoupling.TENANT_FILTER)).isNull();
      }
      try (Session none = sf.withOptions().tenantIdentifier((Object) TenantryTenantIdentifierResolver.NO_TENANT)
          .openSession()) {
        assertThat(none.getEnabledFilter(HibernateCoupling.TENANT_FILTER)).isNull();
      }
    }
  }

  @Test
  void statementInspector_isInstalledOnHibernatesOptionsClass(TestDatabase db) {
    try (SessionFactory sf = start(db)) {
      var options = sf.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class).getSessionFactoryOptions();
      assertThat(options).isInstanceOf(SessionFactoryOptionsBuilder.class);
      assertThat(options.getStatementInspector()).isInstanceOf(TenantColumnUpdateInspector.class);
    }
  }

  private static SessionFactory start(TestDatabase db) {
    Configuration cfg = new Configuration();
    cfg.addAnnotatedClass(Company.class);
    TenantryHibernate.settings().forEach((k, v) -> cfg.setProperty(k, String.valueOf(v)));
    cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, db.appRole().dataSource());
    return cfg.buildSessionFactory();
  }
}
