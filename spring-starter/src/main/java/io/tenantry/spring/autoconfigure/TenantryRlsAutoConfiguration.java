package io.tenantry.spring.autoconfigure;

import io.tenantry.hibernate.rls.TenantryRls;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Row-level security, the second wall: wraps the application's DataSource with
 * {@link TenantryRls#dataSource(DataSource, DataSource)}, so every transaction (and every auto-commit
 * statement) carries the bound tenant, and routes {@code Tenancy.asSystem} work to the system login
 * of {@code tenantry.rls.system.*} when one is configured. Off with {@code tenantry.rls.enabled=false}.
 *
 * <p>Migrations should run as the owner through their own connection ({@code spring.flyway.url} /
 * {@code user}), not through the application's DataSource. Or configure only the owner login and set
 * {@code tenantry.rls.one-login.enabled=true}: the pool then connects as the application role, and the
 * system pool as the system role, both created after Flyway's migrations
 * ({@link TenantryOneLoginAutoConfiguration}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({TenantryRls.class, DataSource.class, DataSourceBuilder.class})
@ConditionalOnBooleanProperty(name = "tenantry.rls.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TenantryProperties.class)
public final class TenantryRlsAutoConfiguration {

  /**
   * Wraps the application's DataSource: the only DataSource bean, or the {@code @Primary} one when
   * there are several (a {@code @FlywayDataSource} owner pool, for instance, stays unwrapped).
   */
  @Bean
  static BeanPostProcessor tenantryRlsDataSourceWrapper(ObjectProvider<TenantryProperties> properties,
      ObjectProvider<OneLogin> oneLogin, Environment environment, ConfigurableListableBeanFactory beanFactory) {
    return new BeanPostProcessor() {
      private DataSource system;

      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource) || TenantryRls.isWrapped((DataSource) bean)
            || !isApplicationDataSource(beanFactory, beanName)) {
          return bean;
        }
        if (system == null) {
          OneLogin one = oneLogin.getObject();
          if (one.enabled()) {
            requireFlyway(beanFactory.getBeanClassLoader());
            one.takeOver((DataSource) bean);
            system = systemDataSource(properties.getObject().getRls().getSystem(), one.ownerUrl(), one.systemRole(),
                one.systemPassword());
          } else {
            system = systemDataSource(properties.getObject().getRls().getSystem(), environment);
          }
        }
        return TenantryRls.dataSource((DataSource) bean, system);
      }
    };
  }

  /** The one-login mode's state; inactive unless {@code tenantry.rls.one-login.enabled=true}. */
  @Bean
  OneLogin tenantryOneLogin(TenantryProperties properties) {
    return new OneLogin(properties.getRls());
  }

  private static void requireFlyway(ClassLoader loader) {
    if (!ClassUtils.isPresent("org.flywaydb.core.Flyway", loader)
        || !ClassUtils.isPresent("org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer", loader)) {
      throw new IllegalStateException("tenantry.rls.one-login.enabled=true migrates through Flyway: add "
          + "org.springframework.boot:spring-boot-starter-flyway and org.flywaydb:flyway-database-postgresql");
    }
  }

  static boolean isApplicationDataSource(ConfigurableListableBeanFactory beanFactory, String beanName) {
    String[] names = beanFactory.getBeanNamesForType(DataSource.class, true, false);
    if (names.length <= 1) {
      return true;
    }
    return beanFactory.containsBeanDefinition(beanName) && beanFactory.getBeanDefinition(beanName).isPrimary();
  }

  static DataSource systemDataSource(TenantryProperties.Rls.SystemLogin login, Environment environment) {
    if (login.getUsername() == null) {
      return null;
    }
    String url = login.getUrl() != null ? login.getUrl() : environment.getProperty("spring.datasource.url");
    if (url == null) {
      throw new IllegalStateException("tenantry.rls.system.username is set but no URL is known: set "
          + "tenantry.rls.system.url (or spring.datasource.url)");
    }
    return systemDataSource(login, url, login.getUsername(), login.getPassword());
  }

  /**
   * The system pool: HikariCP with {@code tenantry.rls.system.maximum-pool-size}, {@code minimum-idle} and
   * {@code connection-timeout} when HikariCP is on the class path (it connects lazily), else Boot's default.
   */
  static DataSource systemDataSource(TenantryProperties.Rls.SystemLogin login, String defaultUrl, String username,
      String password) {
    String url = login.getUrl() != null ? login.getUrl() : defaultUrl;
    if (ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", TenantryRlsAutoConfiguration.class.getClassLoader())) {
      com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
      pool.setPoolName("tenantry-system");
      pool.setJdbcUrl(url);
      pool.setUsername(username);
      pool.setPassword(password);
      pool.setMaximumPoolSize(login.getMaximumPoolSize());
      pool.setMinimumIdle(login.getMinimumIdle());
      pool.setConnectionTimeout(login.getConnectionTimeout().toMillis());
      return pool;
    }
    return DataSourceBuilder.create().url(url).username(username).password(password).build();
  }
}
