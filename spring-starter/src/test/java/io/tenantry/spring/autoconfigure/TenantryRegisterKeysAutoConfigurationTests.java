package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.tenantry.spring.registerkey.JpaRegisterKeys;
import io.tenantry.spring.registerkey.RegisterKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TenantryRegisterKeysAutoConfigurationTests {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TenantryRegisterKeysAutoConfiguration.class));

  @Test
  void registerKeysShouldBeJpaBacked() {
    Mocks.withJpa(runner).run(context -> assertThat(context).getBean(RegisterKeys.class)
        .isInstanceOf(JpaRegisterKeys.class));
  }

  @Test
  void registerKeysWhenUserDefinesOneShouldBackOff() {
    RegisterKeys mine = mock(RegisterKeys.class);
    Mocks.withJpa(runner).withBean(RegisterKeys.class, () -> mine)
        .run(context -> assertThat(context).getBean(RegisterKeys.class).isSameAs(mine));
  }

  @Test
  void registerKeysWhenDisabledShouldBackOff() {
    Mocks.withJpa(runner).withPropertyValues("tenantry.register-keys.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(RegisterKeys.class));
  }

  @Test
  void registerKeysWithoutEntityManagerFactoryShouldBackOff() {
    runner.run(context -> assertThat(context).doesNotHaveBean(RegisterKeys.class));
  }
}
