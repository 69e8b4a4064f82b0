package io.tenantry.spring.autoconfigure;

import io.tenantry.spring.registerkey.JpaRegisterKeys;
import io.tenantry.spring.registerkey.RegisterKeys;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Register API keys over JPA ({@link JpaRegisterKeys}) when there is one entity manager factory and
 * {@code tenantry.register-keys.enabled} is not false. Backs off when the application defines a
 * {@link RegisterKeys} bean.
 */
@AutoConfiguration(afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({EntityManagerFactory.class, PlatformTransactionManager.class})
@ConditionalOnBooleanProperty(name = "tenantry.register-keys.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(EntityManagerFactory.class)
@EnableConfigurationProperties(TenantryProperties.class)
public final class TenantryRegisterKeysAutoConfiguration {

  /** Keys in table {@code tenantry_register_key}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(PlatformTransactionManager.class)
  RegisterKeys registerKeys(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager,
      TenantryProperties properties) {
    return new JpaRegisterKeys(entityManagerFactory, transactionManager,
        properties.getRegisterKeys().getLastSeenInterval());
  }
}
