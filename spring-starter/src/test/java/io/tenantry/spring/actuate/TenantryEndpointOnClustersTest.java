package io.tenantry.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.clusters.CompanyClusters;
import io.tenantry.clusters.InMemoryCompanyDirectory;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Membership;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.core.model.StoreGrant;
import io.tenantry.core.model.TenantSetting;
import io.tenantry.core.model.UserAccount;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TenantrySecondPostgres;
import io.tenantry.test.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The endpoint's counts on a persistence unit whose DataSource routes companies to two clusters
 * ({@code CompanyClusters}): every cluster is counted, not only the home one.
 */
@TenantryPostgres
@TenantrySecondPostgres
class TenantryEndpointOnClustersTest {

  @Test
  void theCountsCoverEveryCluster(TestDatabase one, SecondDatabase second) {
    TestDatabase two = second.database();
    InMemoryCompanyDirectory directory = new InMemoryCompanyDirectory();
    for (TestDatabase db : List.of(one, two)) {
      TenantryMigrations.migrate(db.adminDataSource());
    }
    // one company with 1 store and 1 register at home, two with 3 stores and 2 registers on the second cluster
    UUID a = company(one, 1, 1);
    UUID c = company(two, 2, 1);
    UUID d = company(two, 1, 1);
    directory.place(a, "one");
    directory.place(c, "two");
    directory.place(d, "two");
    CompanyClusters clusters = CompanyClusters.builder(directory)
        .cluster("one", one.appRole().dataSource(), one.adminDataSource())
        .cluster("two", two.appRole().dataSource(), two.adminDataSource())
        .build();
    TenantryEndpoint.Counts home = counts(one);
    TenantryEndpoint.Counts other = counts(two);
    assertThat(other.companies()).isGreaterThanOrEqualTo(2);
    try (SessionFactory sf = sessionFactory(clusters)) {
      TenantryEndpoint endpoint = new TenantryEndpoint(sf,
          new StaticListableBeanFactory().getBeanProvider(IsolationAuditResults.class), "off");
      assertThat(endpoint.tenantry().counts()).isEqualTo(new TenantryEndpoint.Counts(
          home.companies() + other.companies(), home.stores() + other.stores(),
          home.registers() + other.registers()));
    }
  }

  /** A company with stores, each with registers, written as the admin. */
  private static UUID company(TestDatabase db, int stores, int registersPerStore) {
    UUID company = UUID.randomUUID();
    db.execute("insert into tenantry_company (id, name) values ('" + company + "', 'C');"
        + " insert into tenantry_store (id, company_id, name, timezone) select gen_random_uuid(), '" + company
        + "', 'S' || g, 'UTC' from generate_series(1, " + stores + ") g;"
        + " insert into tenantry_register (id, company_id, store_id, name) select gen_random_uuid(), s.company_id,"
        + " s.id, 'R' || g from tenantry_store s, generate_series(1, " + registersPerStore + ") g"
        + " where s.company_id = '" + company + "'");
    return company;
  }

  /** What one database holds, read as its admin. */
  private static TenantryEndpoint.Counts counts(TestDatabase db) {
    try (var c = db.adminDataSource().getConnection(); var rs = c.createStatement().executeQuery(
        "select (select count(*) from tenantry_company), (select count(*) from tenantry_store),"
            + " (select count(*) from tenantry_register)")) {
      rs.next();
      return new TenantryEndpoint.Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SessionFactory sessionFactory(CompanyClusters clusters) {
    StandardServiceRegistryBuilder registry = new StandardServiceRegistryBuilder()
        .applySettings(TenantryHibernate.settings())
        .applySetting(AvailableSettings.DIALECT, "org.hibernate.dialect.PostgreSQLDialect")
        .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, clusters.dataSource())
        .applySetting(TenantryHibernate.AUDIT_PROPERTY, "off");
    MetadataSources sources = new MetadataSources(registry.build());
    List.of(Company.class, Store.class, Register.class, UserAccount.class, Membership.class, StoreGrant.class,
        TenantSetting.class).forEach(sources::addAnnotatedClass);
    return sources.buildMetadata().buildSessionFactory();
  }
}
