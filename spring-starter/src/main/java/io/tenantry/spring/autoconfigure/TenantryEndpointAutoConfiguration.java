package io.tenantry.spring.autoconfigure;

import io.tenantry.spring.actuate.IsolationAuditResults;
import io.tenantry.spring.actuate.TenantryEndpoint;
import jakarta.persistence.EntityManagerFactory;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code tenantry} actuator endpoint, when actuator is present, the endpoint is available (enabled
 * and exposed) and there is one entity manager factory. It shows the isolation audit from
 * {@link TenantryAuditAutoConfiguration}; the {@code tenantry} health indicator lives there too, so it
 * exists whether or not this endpoint is exposed.
 */
@AutoConfiguration(afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({Endpoint.class, EntityManagerFactory.class})
@ConditionalOnAvailableEndpoint(TenantryEndpoint.class)
@ConditionalOnSingleCandidate(EntityManagerFactory.class)
@EnableConfigurationProperties(TenantryProperties.class)
public final class TenantryEndpointAutoConfiguration {

  /** The endpoint; shows an {@link IsolationAuditResults} bean's result when one exists. */
  @Bean
  @ConditionalOnMissingBean
  TenantryEndpoint tenantryEndpoint(EntityManagerFactory entityManagerFactory,
      ObjectProvider<IsolationAuditResults> auditResults, TenantryProperties properties) {
    return new TenantryEndpoint(entityManagerFactory, auditResults,
        properties.getAudit().getOnStartup().name().toLowerCase(Locale.ROOT));
  }
}
