package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.rls.TenantryRls;
import io.tenantry.spring.actuate.AuditReports;
import io.tenantry.spring.actuate.IsolationAuditHealthIndicator;
import io.tenantry.spring.actuate.IsolationAuditResults;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

class TenantryRlsAutoConfigurationTests {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TenantryRlsAutoConfiguration.class,
          TenantryHibernateAutoConfiguration.class, TenantryAuditAutoConfiguration.class));

  @Configuration(proxyBeanMethods = false)
  static class OneDataSource {
    @Bean
    DataSource dataSource() {
      return new PGSimpleDataSource();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class AppAndFlywayDataSources {
    @Bean
    @Primary
    DataSource dataSource() {
      return new PGSimpleDataSource();
    }

    @Bean
    DataSource flywayDataSource() {
      return new PGSimpleDataSource();
    }
  }

  static String auditMode(org.springframework.context.ApplicationContext context) {
    Map<String, Object> properties = new HashMap<>();
    context.getBean(HibernatePropertiesCustomizer.class).customize(properties);
    return (String) properties.get(TenantryHibernate.AUDIT_PROPERTY);
  }

  @Test
  void dataSourceShouldBeWrappedForRowLevelSecurity_andAuditFailsFastByDefault() {
    runner.withUserConfiguration(OneDataSource.class).run(context -> {
      assertThat(TenantryRls.isWrapped(context.getBean(DataSource.class))).isTrue();
      assertThat(auditMode(context)).isEqualTo("fail");
      assertThat(context).hasSingleBean(AuditReports.class).hasSingleBean(IsolationAuditHealthIndicator.class);
    });
  }

  @Test
  void rowLevelSecurityWhenDisabledShouldBackOff_andAuditIsOffUnlessAsked() {
    runner.withUserConfiguration(OneDataSource.class).withPropertyValues("tenantry.rls.enabled=false")
        .run(context -> {
          assertThat(TenantryRls.isWrapped(context.getBean(DataSource.class))).isFalse();
          assertThat(auditMode(context)).isEqualTo("off");
        });
    runner.withUserConfiguration(OneDataSource.class)
        .withPropertyValues("tenantry.rls.enabled=false", "tenantry.audit.on-startup=warn")
        .run(context -> assertThat(auditMode(context)).isEqualTo("warn"));
  }

  @Test
  void severalDataSourcesShouldWrapOnlyThePrimary() {
    runner.withUserConfiguration(AppAndFlywayDataSources.class).run(context -> {
      assertThat(TenantryRls.isWrapped((DataSource) context.getBean("dataSource"))).isTrue();
      assertThat(TenantryRls.isWrapped((DataSource) context.getBean("flywayDataSource"))).isFalse();
    });
  }

  @Test
  void alreadyWrappedDataSourceShouldBeLeftAlone() {
    DataSource mine = TenantryRls.dataSource(new PGSimpleDataSource());
    runner.withBean(DataSource.class, () -> mine)
        .run(context -> assertThat(context.getBean(DataSource.class)).isSameAs(mine));
  }

  @Test
  void auditResultsWhenUserDefinesThemShouldBackOff() {
    IsolationAuditResults mine = Optional::empty;
    runner.withUserConfiguration(OneDataSource.class).withBean(IsolationAuditResults.class, () -> mine)
        .run(context -> assertThat(context).doesNotHaveBean(AuditReports.class));
  }

  @Test
  void systemLoginWithoutUrlShouldNameTheFix() {
    runner.withUserConfiguration(OneDataSource.class).withPropertyValues("tenantry.rls.system.username=sys")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().hasMessageContaining("tenantry.rls.system.url"));
  }

  @Test
  void theSystemPool_hasItsOwnSettings_andConnectsLazily() {
    TenantryProperties.Rls.SystemLogin login = new TenantryProperties.Rls.SystemLogin();
    login.setMaximumPoolSize(2);
    login.setMinimumIdle(1);
    login.setConnectionTimeout(java.time.Duration.ofMillis(1234));
    DataSource system = TenantryRlsAutoConfiguration.systemDataSource(login, "jdbc:postgresql://localhost/x", "sys", "pw");
    assertThat(system).isInstanceOfSatisfying(HikariDataSource.class, pool -> {
      assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
      assertThat(pool.getMinimumIdle()).isEqualTo(1);
      assertThat(pool.getConnectionTimeout()).isEqualTo(1234);
      assertThat(pool.getPoolName()).isEqualTo("tenantry-system");
      assertThat(pool.getUsername()).isEqualTo("sys");
      assertThat(pool.isRunning()).as("connects lazily").isFalse();
    });
  }

  @Test
  void oneLogin_pointsTheApplicationPoolAtTheAppRole_andNamesTheSystemRole() {
    HikariDataSource owner = new HikariDataSource();
    owner.setJdbcUrl("jdbc:postgresql://localhost/shop");
    owner.setUsername("shop");
    owner.setPassword("owner-pw");
    runner.withBean(DataSource.class, () -> owner).withPropertyValues("tenantry.rls.one-login.enabled=true")
        .run(context -> {
          assertThat(TenantryRls.isWrapped(context.getBean(DataSource.class))).isTrue();
          assertThat(owner.getUsername()).isEqualTo("shop_app");
          assertThat(owner.getPassword()).isNotEqualTo("owner-pw").hasSizeGreaterThan(20);
          OneLogin oneLogin = context.getBean(OneLogin.class);
          assertThat(oneLogin.ownerUser()).isEqualTo("shop");
          assertThat(oneLogin.ownerPassword()).isEqualTo("owner-pw");
          assertThat(oneLogin.systemRole()).isEqualTo("shop_system");
        });
  }

  @Test
  void oneLogin_withAnotherDataSourceOrWithoutFlyway_failsNamingTheFix() {
    runner.withUserConfiguration(OneDataSource.class).withPropertyValues("tenantry.rls.one-login.enabled=true")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("needs Spring Boot's HikariCP DataSource"));
    runner.withBean(DataSource.class, HikariDataSource::new).withPropertyValues("tenantry.rls.one-login.enabled=true")
        .withClassLoader(new FilteredClassLoader("org.flywaydb"))
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("spring-boot-starter-flyway"));
    HikariDataSource badName = new HikariDataSource();
    badName.setJdbcUrl("jdbc:postgresql://localhost/shop");
    badName.setUsername("shop");
    runner.withBean(DataSource.class, () -> badName)
        .withPropertyValues("tenantry.rls.one-login.enabled=true", "tenantry.rls.one-login.app-role=Shop App")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("lower-case unquoted identifier"));
  }
}
