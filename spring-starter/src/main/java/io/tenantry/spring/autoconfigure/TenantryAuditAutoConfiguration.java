package io.tenantry.spring.autoconfigure;

import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.spring.actuate.AuditReports;
import io.tenantry.spring.actuate.IsolationAuditHealthIndicator;
import io.tenantry.spring.actuate.IsolationAuditResults;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The isolation audit at run time: {@link AuditReports} over the application's DataSource (shown by
 * the {@code tenantry} actuator endpoint) and, when Spring Boot's health support is present, the
 * {@code tenantry} health indicator, DOWN when the audit finds a hole. The start-up audit is run by
 * Hibernate (see {@link TenantryHibernateAutoConfiguration}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({IsolationAudit.class, DataSource.class})
@ConditionalOnSingleCandidate(DataSource.class)
public final class TenantryAuditAutoConfiguration {

  /** The audit over the application's DataSource, as the role it connects with. */
  @Bean
  @ConditionalOnMissingBean(IsolationAuditResults.class)
  AuditReports tenantryAuditReports(DataSource dataSource, ObjectProvider<EntityManagerFactory> entityManagerFactory) {
    return new AuditReports(dataSource, mapping(entityManagerFactory));
  }

  /** The application's Hibernate mapping, when there is exactly one entity manager factory. */
  static Supplier<SessionFactory> mapping(ObjectProvider<EntityManagerFactory> entityManagerFactory) {
    return () -> {
      EntityManagerFactory emf = entityManagerFactory.getIfUnique();
      return emf == null ? null : emf.unwrap(SessionFactory.class);
    };
  }

  /** DOWN when the isolation audit finds a hole. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
  @ConditionalOnEnabledHealthIndicator("tenantry")
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "tenantryHealthIndicator")
    IsolationAuditHealthIndicator tenantryHealthIndicator(DataSource dataSource,
        ObjectProvider<EntityManagerFactory> entityManagerFactory) {
      return new IsolationAuditHealthIndicator(new AuditReports(dataSource, mapping(entityManagerFactory)));
    }
  }
}
