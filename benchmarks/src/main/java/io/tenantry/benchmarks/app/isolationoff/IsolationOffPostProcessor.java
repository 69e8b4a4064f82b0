package io.tenantry.benchmarks.app.isolationoff;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.rls.TenantryRls;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.hibernate.persister.internal.PersisterFactoryInitiator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Takes both walls down in the POS it runs in (see the package documentation): Hibernate gets
 * {@link UnscopedPersisterFactory} and no start-up audit, and the row-level-security DataSource is replaced by a
 * plain pool on the owner login ({@code spring.datasource.*}), which must bypass row-level security.
 */
public final class IsolationOffPostProcessor implements BeanPostProcessor {

  /** What the isolation-off POS logs at start; the benchmark checks the off instance logs it and the on one not. */
  public static final String BANNER = "TENANT ISOLATION IS OFF";

  private static final Logger LOG = LoggerFactory.getLogger(IsolationOffPostProcessor.class);

  private final Environment env;
  /** The size of the POS's application pool ({@code appPool}), which the owner pool takes over. */
  private int poolSize;

  public IsolationOffPostProcessor(Environment env) {
    this.env = env;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof LocalContainerEntityManagerFactoryBean factory) {
      factory.getJpaPropertyMap().put(PersisterFactoryInitiator.IMPL_NAME, new UnscopedPersisterFactory());
      // the audit checks that requests cannot bypass the policies; here they do, on purpose
      factory.getJpaPropertyMap().put(TenantryHibernate.AUDIT_PROPERTY, "off");
      LOG.warn("Tenantry's query scoping is off in {}, and the isolation audit is off", beanName);
    }
    return bean;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && beanName.equals("appPool")) {
      poolSize = pool.getMaximumPoolSize();
    }
    if (bean instanceof DataSource dataSource && TenantryRls.isWrapped(dataSource)) {
      if (poolSize == 0) {
        throw new IllegalStateException("The POS's application pool (bean appPool) was not seen before its "
            + "row-level-security DataSource " + beanName + ": the isolation-off pool would not have its size");
      }
      LOG.warn("The row-level-security DataSource {} is replaced by a pool on the owner login", beanName);
      return bypassPool(poolSize);
    }
    return bean;
  }

  /** The pool every request uses: the owner login, which must bypass row-level security. */
  HikariDataSource bypassPool(int size) {
    HikariDataSource pool = new HikariDataSource();
    pool.setPoolName("pos-no-isolation");
    pool.setJdbcUrl(env.getRequiredProperty("spring.datasource.url"));
    pool.setUsername(env.getRequiredProperty("spring.datasource.username"));
    pool.setPassword(env.getProperty("spring.datasource.password"));
    pool.setMaximumPoolSize(size);
    pool.setMinimumIdle(0);
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select rolsuper or rolbypassrls from pg_roles where rolname = current_user")) {
      if (!rs.next() || !rs.getBoolean(1)) {
        pool.close();
        throw new IllegalStateException("The isolation-off POS needs an owner login (spring.datasource.username) "
            + "that is superuser or BYPASSRLS; '" + pool.getUsername() + "' is neither, and the FORCEd policies "
            + "would show it no rows.");
      }
    } catch (SQLException e) {
      pool.close();
      throw new IllegalStateException("Could not check the owner login of the isolation-off POS: " + e.getMessage(), e);
    }
    String line = "!".repeat(100);
    LOG.warn("\n{}\n!! {}: row-level security is bypassed and Tenantry's query scoping is off.\n"
        + "!! Every company can see every other company's data. Built by benchmarks/ for its own runs only.\n{}",
        line, BANNER, line);
    return pool;
  }
}
