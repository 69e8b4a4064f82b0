package io.tenantry.spring.autoconfigure;


import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.TenantryTenantIdentifierResolver;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
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
 * It also passes {@code tenantry.audit.on-startup} to Hibernate, whose integrator runs the isolation
 * audit over the row-level-security DataSource when the entity manager factory starts.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({HibernatePropertiesCustomizer.class, EntityManagerFactoryBuilderCustomizer.class,
    TenantryHibernate.class})
@EnableConfigurationProperties(TenantryProperties.class)
public final class TenantryHibernateAutoConfiguration {

  /**
   * Sets Tenantry's tenant identifier resolver unless the property is already set, and the start-up
   * audit mode: {@code tenantry.audit.on-startup} (default fail) when row-level security is on; when
   * it is off, the audit runs only if the application asked for it.
   */
  @Bean
  HibernatePropertiesCustomizer tenantryHibernatePropertiesCustomizer(TenantryProperties tenantry,
      Environment environment) {
    return properties -> {
      properties.putIfAbsent(TenantryHibernate.RESOLVER_PROPERTY, TenantryTenantIdentifierResolver.class.getName());
      boolean asked = environment.containsProperty("tenantry.audit.on-startup");
      String mode = tenantry.getRls().isEnabled() || asked
          ? tenantry.getAudit().getOnStartup().name().toLowerCase(Locale.ROOT) : "off";
      properties.putIfAbsent(TenantryHibernate.AUDIT_PROPERTY, mode);
    };
  }

  /** Adds Tenantry's entity classes to the persistence unit. */
  @Bean
  EntityManagerFactoryBuilderCustomizer tenantryEntityManagerFactoryBuilderCustomizer(ResourceLoader resourceLoader,
      TenantryProperties properties) {
    TenantryEntities entities = new TenantryEntities(resourceLoader, properties.getRegisterKeys().isEnabled());
    return builder -> builder.addPersistenceUnitPostProcessors(entities::addTo);
  }
}
