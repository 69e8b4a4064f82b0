package io.tenantry.benchmarks.app.isolationoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.benchmarks.pos.scoped.Product;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.rls.TenantryRls;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.persister.internal.PersisterFactoryInitiator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The isolation-off variant the benchmark builds really has both walls down, and only the benchmark can build it:
 * its Hibernate settings give a company's session every company's rows (Tenantry's own persisters, the control,
 * give one), its DataSource is a plain owner pool that no policy applies to (the RLS DataSource it replaces is the
 * control), and a login that would be subject to the policies is refused. That the POS itself has no such switch
 * is the POS's ArchitectureTest (no class, property or string naming a benchmark; no persister factory of its own)
 * and ApiContractTest.defaultApp_hasIsolationOn.
 */
@TenantryPostgres
class PosIsolationOffTest {

  static final UUID A = UUID.randomUUID();
  static final UUID B = UUID.randomUUID();

  @Test
  void scopingOff_aCompanysQueriesSeeEveryCompany_whereTenantrysPersistersSeeItsOwn(TestDatabase db) throws Exception {
    LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
    new IsolationOffPostProcessor(new MockEnvironment()).postProcessBeforeInitialization(factory, "entityManagerFactory");
    Map<String, Object> off = factory.getJpaPropertyMap();
    assertThat(off.get(PersisterFactoryInitiator.IMPL_NAME)).isInstanceOf(UnscopedPersisterFactory.class);
    assertThat(off.get(TenantryHibernate.AUDIT_PROPERTY)).isEqualTo("off");

    try (SessionFactory scoped = sessionFactory(db.adminDataSource(), Map.of(TenantryHibernate.AUDIT_PROPERTY, "off"))) {
      db.execute("insert into pos_product (id, company_id, sku, name, base_price) values ('" + UUID.randomUUID()
          + "', '" + A + "', 'A1', 'a', 1), ('" + UUID.randomUUID() + "', '" + B + "', 'B1', 'b', 1)");
      assertThat(skusSeenBy(A, scoped)).as("control: Tenantry's scoping").containsExactly("A1");
    }
    try (SessionFactory unscoped = sessionFactory(db.adminDataSource(), off)) {
      assertThat(skusSeenBy(A, unscoped)).as("isolation off: no tenant condition").containsExactly("A1", "B1");
    }
  }

  @Test
  void rlsOff_theRlsDataSourceIsReplacedByAnOwnerPoolThatNoPolicyAppliesTo(TestDatabase db) throws Exception {
    db.execute("create table secret (v text); insert into secret values ('x');"
        + " alter table secret enable row level security; alter table secret force row level security;"
        + " create policy nothing on secret using (false); grant select on secret to " + db.appRole().name());
    DataSource rls = TenantryRls.dataSource(db.appRole().dataSource());
    assertThat(rowsOf(rls)).as("control: the RLS DataSource on the application role").isZero();

    IsolationOffPostProcessor processor = new IsolationOffPostProcessor(new MockEnvironment()
        .withProperty("spring.datasource.url", db.jdbcUrl())
        .withProperty("spring.datasource.username", db.adminUser())
        .withProperty("spring.datasource.password", db.adminPassword()));
    HikariDataSource app = new HikariDataSource();
    app.setMaximumPoolSize(7);
    assertThat(processor.postProcessAfterInitialization(app, "appPool")).isSameAs(app);
    Object replaced = processor.postProcessAfterInitialization(rls, "dataSource");

    try (HikariDataSource owner = (HikariDataSource) replaced) {
      assertThat(TenantryRls.isWrapped(owner)).as("no JDBC wrappers, no set_config").isFalse();
      assertThat(owner.getMaximumPoolSize()).as("the application pool's size").isEqualTo(7);
      assertThat(rowsOf(owner)).as("the FORCEd policy is not evaluated").isEqualTo(1);
    } finally {
      app.close();
    }
  }

  @Test
  void rlsOff_refusesALoginThePoliciesApplyTo(TestDatabase db) {
    IsolationOffPostProcessor processor = new IsolationOffPostProcessor(new MockEnvironment()
        .withProperty("spring.datasource.url", db.jdbcUrl())
        .withProperty("spring.datasource.username", db.appRole().name())
        .withProperty("spring.datasource.password", db.appRole().password()));
    processor.postProcessAfterInitialization(new HikariDataSource(), "appPool");

    assertThatThrownBy(() -> processor.postProcessAfterInitialization(
        TenantryRls.dataSource(db.appRole().dataSource()), "dataSource"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("superuser or BYPASSRLS");
  }

  @Test
  void classPath_holdsTheConfigurationItsImportsEntryNames_andEveryClassOfThePackage(@TempDir Path dir)
      throws Exception {
    IsolationOffClassPath.writeTo(dir);

    assertThat(Files.readString(dir.resolve(IsolationOffClassPath.IMPORTS)).trim())
        .isEqualTo(IsolationOffConfiguration.class.getName());
    Path compiled = Path.of(IsolationOffConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve(IsolationOffConfiguration.class.getPackageName().replace('.', '/'));
    try (var classes = Files.list(compiled)) {
      List<String> expected = classes.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.equals("package-info.class")
              && !n.equals(IsolationOffClassPath.class.getSimpleName() + ".class"))
          .sorted().toList();
      try (var written = Files.list(dir.resolve(IsolationOffConfiguration.class.getPackageName().replace('.', '/')))) {
        assertThat(written.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(expected);
      }
    }
  }

  private static SessionFactory sessionFactory(DataSource ds, Map<String, Object> extra) {
    Configuration cfg = new Configuration();
    cfg.addAnnotatedClass(Product.class);
    TenantryHibernate.settings().forEach((k, v) -> cfg.getProperties().put(k, v));
    cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
    cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "update");
    extra.forEach((k, v) -> cfg.getProperties().put(k, v));
    return cfg.buildSessionFactory();
  }

  private static List<String> skusSeenBy(UUID company, SessionFactory sessionFactory) throws Exception {
    return Tenancy.call(TenantContext.ofCompany(company), () -> sessionFactory.fromSession(s ->
        s.createQuery("select p.sku from Product p order by p.sku", String.class).getResultList()));
  }

  private static int rowsOf(DataSource ds) throws Exception {
    return Tenancy.call(TenantContext.ofCompany(A), () -> count(ds));
  }

  private static int count(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from secret")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
