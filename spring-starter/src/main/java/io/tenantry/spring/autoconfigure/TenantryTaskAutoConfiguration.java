package io.tenantry.spring.autoconfigure;

import io.tenantry.spring.task.TenantJobs;
import io.tenantry.spring.task.TenantTaskDecorator;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

/**
 * The tenant on other threads. A {@link TenantTaskDecorator} bean, which Spring Boot applies to the
 * executors it builds ({@code @Async} included) next to any other {@code TaskDecorator} bean; it backs
 * off when the application defines a {@link TenantTaskDecorator} itself or sets
 * {@code tenantry.task.propagate=false}. And {@link TenantJobs} for per-company scheduled work.
 */
@AutoConfiguration(afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass(TaskDecorator.class)
public final class TenantryTaskAutoConfiguration {

  /** Carries the submitting thread's tenant into every task. */
  @Bean
  @ConditionalOnMissingBean(TenantTaskDecorator.class)
  @ConditionalOnBooleanProperty(name = "tenantry.task.propagate", matchIfMissing = true)
  TenantTaskDecorator tenantTaskDecorator() {
    return new TenantTaskDecorator();
  }

  /** Per-company jobs, when JPA is there to list the companies. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(EntityManagerFactory.class)
  @ConditionalOnSingleCandidate(EntityManagerFactory.class)
  static class JobsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TenantJobs tenantJobs(EntityManagerFactory entityManagerFactory) {
      return new TenantJobs(entityManagerFactory);
    }
  }
}
