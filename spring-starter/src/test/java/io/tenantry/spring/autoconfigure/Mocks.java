package io.tenantry.spring.autoconfigure;

import static org.mockito.Mockito.mock;

import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;

/** Stand-ins for what Spring Boot's JPA auto-configuration would define. */
final class Mocks {

  private Mocks() {}

  static <R extends AbstractApplicationContextRunner<R, ?, ?>> R withJpa(R runner) {
    return runner
        .withBean(EntityManagerFactory.class, () -> mock(EntityManagerFactory.class))
        .withBean(PlatformTransactionManager.class, () -> mock(PlatformTransactionManager.class));
  }
}
