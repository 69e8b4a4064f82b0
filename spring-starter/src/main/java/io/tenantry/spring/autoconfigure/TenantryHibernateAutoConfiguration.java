package io.tenantry.spring.autoconfigure;

import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.TenantryTenantIdentifierResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Turns on Tenantry's Hibernate scoping in the entity manager factory Spring Boot builds:
 * <ul>
 *   <li>sets {@code hibernate.tenant_identifier_resolver} to {@link TenantryTenantIdentifierResolver},
 *       unless the application set that property itself (then Tenantry's integrator refuses to start if
 *       tenant-owned entities are mapped, and says why);</li>
 *   <li>adds Tenantry's entities (the Company → Store → Register hierarchy, memberships, settings,
 *       register keys) to the persistence unit, whatever packages the application scans.</li>
 * </ul>
 * The transaction-local settings for PostgreSQL row-level security and the start-up isolation audit
 * ({@code tenantry.audit.on-startup}) plug in here once they are available.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({HibernatePropertiesCustomizer.class, EntityManagerFactoryBuilderCustomizer.class,
    TenantryHibernate.class})
@EnableConfigurationProperties(TenantryProperties.class)
public final class TenantryHibernateAutoConfiguration {

  /** Sets Tenantry's tenant identifier resolver unless the property is already set. */
  @Bean
  HibernatePropertiesCustomizer tenantryHibernatePropertiesCustomizer() {
    return properties -> properties.putIfAbsent(TenantryHibernate.RESOLVER_PROPERTY,
        TenantryTenantIdentifierResolver.class.getName());
  }

  /** Adds Tenantry's entity classes to the persistence unit. */
  @Bean
  EntityManagerFactoryBuilderCustomizer tenantryEntityManagerFactoryBuilderCustomizer(ResourceLoader resourceLoader,
      TenantryProperties properties) {
    TenantryEntities entities = new TenantryEntities(resourceLoader, properties.getRegisterKeys().isEnabled());
    return builder -> builder.addPersistenceUnitPostProcessors(entities::addTo);
  }
}
