package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.spring.web.TenantColumnsModule;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JacksonModule;

class TenantryJacksonAutoConfigurationTests {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TenantryJacksonAutoConfiguration.class));

  @Test
  void tenantColumnsModuleShouldBeDefined() {
    runner.run(context -> assertThat(context).hasSingleBean(TenantColumnsModule.class));
  }

  @Test
  void tenantColumnsModuleWhenUserDefinesOneShouldBackOff() {
    TenantColumnsModule mine = new TenantColumnsModule();
    runner.withBean(TenantColumnsModule.class, () -> mine)
        .run(context -> assertThat(context).getBean(TenantColumnsModule.class).isSameAs(mine));
  }

  @Test
  void tenantColumnsModuleWithoutJackson3ShouldBackOff() {
    runner.withClassLoader(new FilteredClassLoader(JacksonModule.class))
        .run(context -> assertThat(context).doesNotHaveBean(TenantColumnsModule.class));
  }
}
