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

/**
 * Row-level security, the second wall: wraps the application's DataSource with
 * {@link TenantryRls#dataSource(DataSource, DataSource)}, so every transaction (and every auto-commit
 * statement) carries the bound tenant, and routes {@code Tenancy.asSystem} work to the system login
 * of {@code tenantry.rls.system.*} when one is configured. Off with {@code tenantry.rls.enabled=false}.
 *
 * <p>Migrations should run as the owner through their own connection ({@code spring.flyway.url} /
 * {@code user}), not through the application's DataSource.
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
      Environment environment, ConfigurableListableBeanFactory beanFactory) {
    return new BeanPostProcessor() {
      private DataSource system;

      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource) || TenantryRls.isWrapped((DataSource) bean)
            || !isApplicationDataSource(beanFactory, beanName)) {
          return bean;
        }
        if (system == null) {
          system = systemDataSource(properties.getObject().getRls().getSystem(), environment);
        }
        return TenantryRls.dataSource((DataSource) bean, system);
      }
    };
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
    return DataSourceBuilder.create().url(url).username(login.getUsername()).password(login.getPassword()).build();
  }
}
