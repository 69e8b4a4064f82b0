package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.spring.cache.TenantAwareKeyGenerator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class TenantryCacheAutoConfigurationTests {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TenantryCacheAutoConfiguration.class));

  @Test
  void keyGeneratorShouldBeTheDefaultOfSpringsCaching() {
    runner.withUserConfiguration(CachedService.Config.class).run(context -> {
      assertThat(context.getBean(CachingConfigurer.class).keyGenerator()).isInstanceOf(TenantAwareKeyGenerator.class);
      CachedService service = context.getBean(CachedService.class);
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      assertThat(Tenancy.supply(TenantContext.ofCompany(a), service::answer)).isEqualTo(1);
      assertThat(Tenancy.supply(TenantContext.ofCompany(b), service::answer)).isEqualTo(2);
      assertThat(Tenancy.supply(TenantContext.ofCompany(a), service::answer)).isEqualTo(1);
    });
  }

  @Test
  void cachingConfigurerWhenUserDefinesOneShouldBackOff() {
    CachingConfigurer mine = new CachingConfigurer() {
      @Override
      public KeyGenerator keyGenerator() {
        return new SimpleKeyGenerator();
      }
    };
    runner.withBean(CachingConfigurer.class, () -> mine)
        .run(context -> assertThat(context).getBean(CachingConfigurer.class).isSameAs(mine));
  }

  @Test
  void keyGeneratorWhenUserDefinesTenantKeyGeneratorShouldBeUsedAsDefault() {
    KeyGenerator mine = new TenantAwareKeyGenerator(new SimpleKeyGenerator());
    runner.withBean("tenantKeyGenerator", KeyGenerator.class, () -> mine)
        .run(context -> assertThat(context.getBean(CachingConfigurer.class).keyGenerator()).isSameAs(mine));
  }

  @Test
  void cachingConfigurerWhenDisabledShouldBackOff() {
    runner.withPropertyValues("tenantry.cache.tenant-keys=false")
        .run(context -> assertThat(context).doesNotHaveBean(CachingConfigurer.class)
            .doesNotHaveBean(TenantAwareKeyGenerator.class));
  }

  /** A cached method whose answer counts calls. */
  static class CachedService {
    private final AtomicInteger calls = new AtomicInteger();

    @Cacheable("answers")
    public int answer() {
      return calls.incrementAndGet();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Config {
      @Bean
      CachedService cachedService() {
        return new CachedService();
      }

      @Bean
      CacheManager cacheManager() {
        return new ConcurrentMapCacheManager();
      }
    }
  }
}
