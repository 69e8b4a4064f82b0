package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.spring.task.TenantJobs;
import io.tenantry.spring.task.TenantTaskDecorator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class TenantryTaskAutoConfigurationTests {

  private static final UUID COMPANY = UUID.randomUUID();
  private static final ThreadLocal<String> MARK = new ThreadLocal<>();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TenantryTaskAutoConfiguration.class,
          TaskExecutionAutoConfiguration.class));

  @Test
  void taskDecoratorShouldCarryTheTenantIntoBootsExecutor() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(TenantTaskDecorator.class);
      assertThat(seenBy(context.getBean(ThreadPoolTaskExecutor.class))).isEqualTo(COMPANY + " null");
    });
  }

  @Test
  void taskDecoratorWhenUserDefinesAnotherDecoratorShouldWorkAlongsideIt() {
    TaskDecorator mark = task -> {
      String value = "marked";
      return () -> {
        MARK.set(value);
        try {
          task.run();
        } finally {
          MARK.remove();
        }
      };
    };
    runner.withBean("markingDecorator", TaskDecorator.class, () -> mark).run(context -> {
      assertThat(context).hasSingleBean(TenantTaskDecorator.class);
      assertThat(seenBy(context.getBean(ThreadPoolTaskExecutor.class))).isEqualTo(COMPANY + " marked");
    });
  }

  @Test
  void taskDecoratorWhenUserDefinesATenantTaskDecoratorShouldBackOff() {
    TenantTaskDecorator mine = new TenantTaskDecorator();
    runner.withBean(TenantTaskDecorator.class, () -> mine)
        .run(context -> assertThat(context).getBean(TenantTaskDecorator.class).isSameAs(mine));
  }

  @Test
  void taskDecoratorWhenDisabledShouldBackOff() {
    runner.withPropertyValues("tenantry.task.propagate=false").run(context -> {
      assertThat(context).doesNotHaveBean(TenantTaskDecorator.class);
      assertThat(seenBy(context.getBean(ThreadPoolTaskExecutor.class))).isEqualTo("none null");
    });
  }

  @Test
  void tenantJobsShouldNeedAnEntityManagerFactory() {
    runner.run(context -> assertThat(context).doesNotHaveBean(TenantJobs.class));
    Mocks.withJpa(runner).run(context -> assertThat(context).hasSingleBean(TenantJobs.class));
  }

  @Test
  void tenantJobsWhenUserDefinesOneShouldBackOff() {
    TenantJobs mine = new TenantJobs(mock(jakarta.persistence.EntityManagerFactory.class));
    Mocks.withJpa(runner).withBean(TenantJobs.class, () -> mine)
        .run(context -> assertThat(context).getBean(TenantJobs.class).isSameAs(mine));
  }

  private static String seenBy(ThreadPoolTaskExecutor executor) throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    Tenancy.call(TenantContext.ofCompany(COMPANY), () -> executor.submit(() -> seen.set(
        Tenancy.find().map(c -> c.companyId().toString()).orElse("none") + " " + MARK.get())).get());
    return seen.get();
  }
}
