package io.tenantry.spring.autoconfigure;

import io.tenantry.spring.cache.TenantAwareKeyGenerator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.context.annotation.Bean;

/**
 * Makes tenant-aware keys the default of Spring's cache abstraction. Spring takes the default key
 * generator from the one {@link CachingConfigurer} bean (a bean merely named {@code keyGenerator} is
 * not used as default), so this registers a {@code CachingConfigurer} that only supplies the key
 * generator, and backs off when the application has a {@code CachingConfigurer} of its own (return
 * {@link TenantAwareKeyGenerator} from its {@code keyGenerator()} to keep tenant keys). The generator
 * is also a bean named {@code tenantKeyGenerator}, which an application may replace.
 */
@AutoConfiguration
@ConditionalOnClass(CachingConfigurer.class)
@ConditionalOnBooleanProperty(name = "tenantry.cache.tenant-keys", matchIfMissing = true)
public final class TenantryCacheAutoConfiguration {

  /** The tenant-aware key generator. */
  @Bean
  @ConditionalOnMissingBean(name = "tenantKeyGenerator")
  TenantAwareKeyGenerator tenantKeyGenerator() {
    return new TenantAwareKeyGenerator();
  }

  /** Supplies the tenant-aware generator as the default. */
  @Bean
  @ConditionalOnMissingBean(CachingConfigurer.class)
  CachingConfigurer tenantryCachingConfigurer(@Qualifier("tenantKeyGenerator") KeyGenerator tenantKeyGenerator) {
    return new CachingConfigurer() {
      @Override
      public KeyGenerator keyGenerator() {
        return tenantKeyGenerator;
      }
    };
  }
}
