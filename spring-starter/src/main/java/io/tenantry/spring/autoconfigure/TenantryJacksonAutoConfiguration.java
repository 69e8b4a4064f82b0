package io.tenantry.spring.autoconfigure;

import io.tenantry.spring.web.TenantColumnsModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JacksonModule;

/**
 * Registers {@link TenantColumnsModule} with Jackson 3, so that request bodies cannot assign the
 * tenant columns of entities. Backs off when the application defines the module bean itself.
 */
@AutoConfiguration
@ConditionalOnClass(JacksonModule.class)
public final class TenantryJacksonAutoConfiguration {

  /** Tenant columns are read-only in JSON. */
  @Bean
  @ConditionalOnMissingBean
  TenantColumnsModule tenantColumnsModule() {
    return new TenantColumnsModule();
  }
}
