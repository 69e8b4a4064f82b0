package io.tenantry.spring.autoconfigure;

import io.tenantry.spring.registerkey.JpaRegisterKeys;
import io.tenantry.spring.registerkey.RegisterKeys;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Register API keys over JPA ({@link JpaRegisterKeys}) when there is one entity manager factory and
 * {@code tenantry.register-keys.enabled} is not false, with the bounds of its directory cache from
 * {@code tenantry.register-keys.directory-cache.*} (checked at start). Backs off when the application defines a
 * {@link RegisterKeys} bean.
 */
@AutoConfiguration(afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({EntityManagerFactory.class, PlatformTransactionManager.class})
@ConditionalOnBooleanProperty(name = "tenantry.register-keys.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(EntityManagerFactory.class)
@EnableConfigurationProperties(TenantryProperties.class)
public final class TenantryRegisterKeysAutoConfiguration {

  private static final String DIRECTORY_CACHE = "tenantry.register-keys.directory-cache";

  /** Keys in table {@code tenantry_register_key}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(PlatformTransactionManager.class)
  RegisterKeys registerKeys(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager,
      TenantryProperties properties) {
    TenantryProperties.RegisterKeys.DirectoryCache cache = properties.getRegisterKeys().getDirectoryCache();
    checkDirectoryCache(cache);
    return new JpaRegisterKeys(entityManagerFactory, transactionManager,
        properties.getRegisterKeys().getLastSeenInterval(), cache.getMaxKeys(), cache.getTtl());
  }

  /** Refuses bounds of the directory cache that mean nothing, naming the property (Boot's failure analysis). */
  static void checkDirectoryCache(TenantryProperties.RegisterKeys.DirectoryCache cache) {
    if (cache.getMaxKeys() < 0) {
      throw new InvalidConfigurationPropertyValueException(DIRECTORY_CACHE + ".max-keys", cache.getMaxKeys(),
          "The most register keys whose directory answer is kept: a whole number, 0 (every request reads the"
              + " directory) or more; the default is 10000.");
    }
    Duration ttl = cache.getTtl();
    if (ttl == null || ttl.isNegative() || ttl.compareTo(Duration.ofDays(1)) > 0) {
      throw new InvalidConfigurationPropertyValueException(DIRECTORY_CACHE + ".ttl", ttl,
          "How long a key's directory answer is used: a duration from 0 (every request reads the directory) to 1d,"
              + " such as 10m (the default) or 30s.");
    }
  }
}
