package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.tenantry.spring.registerkey.JpaRegisterKeys;
import io.tenantry.spring.registerkey.RegisterKeyCaches;
import io.tenantry.spring.registerkey.RegisterKeys;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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

  /** How many of three keys' locations the register keys of a context keep. */
  private static int keptOfThree(RegisterKeys keys) {
    for (int i = 0; i < 3; i++) {
      RegisterKeyCaches.point(keys, "trk_" + Integer.toString(i).repeat(43), UUID.randomUUID(), UUID.randomUUID());
    }
    return RegisterKeyCaches.size(keys);
  }

  @Test
  void directoryCacheBoundsShouldComeFromTheProperties() {
    Mocks.withJpa(runner).run(context -> assertThat(keptOfThree(context.getBean(RegisterKeys.class))).isEqualTo(3));
    Mocks.withJpa(runner).withPropertyValues("tenantry.register-keys.directory-cache.max-keys=2")
        .run(context -> assertThat(keptOfThree(context.getBean(RegisterKeys.class))).isEqualTo(2));
    Mocks.withJpa(runner).withPropertyValues("tenantry.register-keys.directory-cache.max-keys=0")
        .run(context -> assertThat(keptOfThree(context.getBean(RegisterKeys.class))).isZero());
    Mocks.withJpa(runner).withPropertyValues("tenantry.register-keys.directory-cache.ttl=0")
        .run(context -> assertThat(keptOfThree(context.getBean(RegisterKeys.class))).isZero());
    Mocks.withJpa(runner).withPropertyValues("tenantry.register-keys.directory-cache.ttl=1d")
        .run(context -> assertThat(keptOfThree(context.getBean(RegisterKeys.class))).isEqualTo(3));
  }

  @Test
  void directoryCacheBoundsThatMeanNothingShouldStopTheStartNamingTheProperty() {
    Mocks.withJpa(runner).withPropertyValues("tenantry.register-keys.directory-cache.max-keys=-1")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
            .hasMessageContaining("tenantry.register-keys.directory-cache.max-keys")
            .hasMessageContaining("0 (every request reads the directory) or more"));
    for (String ttl : new String[] {"-1s", "2d"}) {
      Mocks.withJpa(runner).withPropertyValues("tenantry.register-keys.directory-cache.ttl=" + ttl)
          .run(context -> assertThat(context).hasFailed().getFailure()
              .rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
              .hasMessageContaining("tenantry.register-keys.directory-cache.ttl")
              .hasMessageContaining("from 0 (every request reads the directory) to 1d"));
    }
  }
}
