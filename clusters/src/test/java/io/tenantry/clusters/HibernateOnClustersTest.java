package io.tenantry.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Membership;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.core.model.StoreGrant;
import io.tenantry.core.model.TenantSetting;
import io.tenantry.core.model.UserAccount;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.rls.TenantryRls;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TenantrySecondPostgres;
import io.tenantry.test.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hibernate with Tenantry's scoping on the routing DataSource: a session of a company reads its cluster's rows, and
 * the start-up isolation audit runs on every cluster, stopping the start when one of them has a hole.
 */
@TenantryPostgres
@TenantrySecondPostgres
class HibernateOnClustersTest {

  static final List<Class<?>> ENTITIES = List.of(Company.class, Store.class, Register.class, UserAccount.class,
      Membership.class, StoreGrant.class, TenantSetting.class);
  static final UUID A = UUID.randomUUID();
  static final UUID C = UUID.randomUUID();
  static final UUID STORE_A = UUID.randomUUID();

  static TestDatabase one;
  static TestDatabase two;
  static CompanyClusters clusters;

  @BeforeAll
  static void setUp(TestDatabase first, SecondDatabase second) {
    one = first;
    two = second.database();
    migrateWithPolicies(one, two);
    one.execute("insert into tenantry_company (id, name) values ('" + A + "', 'A');"
        + " insert into tenantry_store (id, company_id, name, timezone) values ('" + STORE_A + "', '" + A
        + "', 'A1', 'UTC')");
    two.execute("insert into tenantry_company (id, name) values ('" + C + "', 'C');"
        + " insert into tenantry_store (id, company_id, name, timezone) select gen_random_uuid(), '" + C
        + "', 'C' || g, 'UTC' from generate_series(1, 2) g");
    InMemoryCompanyDirectory directory = new InMemoryCompanyDirectory();
    directory.place(A, "one");
    directory.place(C, "two");
    clusters = CompanyClusters.builder(directory)
        .cluster("one", one.appRole().dataSource(), null)
        .cluster("two", two.appRole().dataSource(), null)
        .build();
  }

  @Test
  void aSessionOfACompanyReadsItsOwnClusterOnly() {
    try (SessionFactory sf = sessionFactory(clusters.dataSource(), Map.of())) {
      Tenancy.run(TenantContext.ofCompany(C), () -> sf.inTransaction(s -> {
        assertThat(s.createQuery("from Store", Store.class).list()).hasSize(2)
            .allSatisfy(store -> assertThat(store.getCompanyId()).isEqualTo(C));
        assertThat(s.find(Store.class, STORE_A)).isNull(); // a row of cluster one, by id
        assertThat(s.createNativeQuery("select count(*) from tenantry_store", Long.class).getSingleResult()).isEqualTo(2L);
      }));
      Tenancy.run(TenantContext.ofCompany(A), () -> sf.inTransaction(s ->
          assertThat(s.find(Store.class, STORE_A)).isNotNull()));
    }
  }

  @Test
  void theStartUpAuditCoversEveryClusterAndNamesTheOneWithAHole() {
    two.execute("alter table tenantry_store no force row level security");
    try {
      assertThatThrownBy(() -> sessionFactory(clusters.dataSource(), Map.of()).close())
          .hasStackTraceContaining("cluster(s) [two")
          .hasStackTraceContaining("tenantry_store");
      sessionFactory(clusters.dataSource(), Map.of(TenantryHibernate.AUDIT_PROPERTY, "warn")).close();
    } finally {
      two.execute("alter table tenantry_store force row level security");
    }
  }

  /** Tenantry's migrations and the test mapping's row-level-security policies, on each database. */
  static void migrateWithPolicies(TestDatabase... databases) {
    String policies;
    try (SessionFactory mapping = sessionFactory(null, Map.of())) {
      policies = TenantryRls.policySql(mapping, null);
    }
    for (TestDatabase db : databases) {
      TenantryMigrations.migrate(db.adminDataSource());
      db.execute(policies);
    }
  }

  static SessionFactory sessionFactory(DataSource dataSource, Map<String, Object> extra) {
    StandardServiceRegistryBuilder registry = new StandardServiceRegistryBuilder()
        .applySettings(TenantryHibernate.settings())
        .applySetting(AvailableSettings.DIALECT, "org.hibernate.dialect.PostgreSQLDialect")
        .applySettings(extra);
    if (dataSource == null) {
      registry.applySetting("hibernate.boot.allow_jdbc_metadata_access", "false")
          .applySetting(TenantryHibernate.AUDIT_PROPERTY, "off");
    } else {
      registry.applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
          .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate");
    }
    MetadataSources sources = new MetadataSources(registry.build());
    ENTITIES.forEach(sources::addAnnotatedClass);
    return sources.buildMetadata().buildSessionFactory();
  }
}
