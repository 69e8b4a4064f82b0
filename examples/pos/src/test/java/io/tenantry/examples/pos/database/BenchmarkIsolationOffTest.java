package io.tenantry.examples.pos.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hibernate.persister.internal.PersisterFactoryInitiator;
import org.junit.jupiter.api.Test;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.mock.env.MockEnvironment;

/** The benchmark-only switch is off unless set to exactly true; anything unexpected stops the start. */
class BenchmarkIsolationOffTest {

  @Test
  void requested_offWhenUnsetBlankOrFalse() {
    assertThat(BenchmarkIsolationOff.requested(new MockEnvironment())).isFalse();
    assertThat(BenchmarkIsolationOff.requested(env(""))).isFalse();
    assertThat(BenchmarkIsolationOff.requested(env("false"))).isFalse();
  }

  @Test
  void requested_onlyForTrue() {
    assertThat(BenchmarkIsolationOff.requested(env("true"))).isTrue();
  }

  @Test
  void requested_anyOtherValue_stopsTheStart() {
    for (String value : new String[] {"yes", "on", "1", "off"}) {
      assertThatThrownBy(() -> BenchmarkIsolationOff.requested(env(value)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("must be true or false");
    }
  }

  @Test
  void scopingOff_isThisApplicationsPersisterFactory_notALibrarySetting() {
    LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
    BenchmarkIsolationOff.scopingOff().postProcessBeforeInitialization(factory, "entityManagerFactory");
    assertThat(factory.getJpaPropertyMap().get(PersisterFactoryInitiator.IMPL_NAME))
        .isInstanceOf(BenchmarkIsolationOff.UnscopedPersisterFactory.class);
    assertThat(factory.getJpaPropertyMap()).doesNotContainKey("tenantry.benchmark.scoping-off");
  }

  private static MockEnvironment env(String value) {
    return new MockEnvironment().withProperty(BenchmarkIsolationOff.PROPERTY, value);
  }
}
